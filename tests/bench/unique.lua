-- wrk script of tests/bench/run: POSTs JSON whose text differs on every
-- request (the run's nonce, the thread, a counter), so that no two
-- requests are the same message and the webhook never sees a redelivery.
--   wrk ... -s unique.lua URL -- AUTHORIZATION TEMPLATE NONCE
-- TEMPLATE is the body with one %s for the text; an empty AUTHORIZATION
-- sends none (the INSERT ceiling needs none).
local threads = 0

function setup(thread)
	threads = threads + 1
	thread:set("tid", threads)
end

local counter = 0
local template = ""
local nonce = ""

function init(args)
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
	if args[1] ~= nil and args[1] ~= "" then
		wrk.headers["Authorization"] = args[1]
	end
	template = args[2]
	nonce = args[3] or ""
end

function request()
	counter = counter + 1
	return wrk.format(nil, nil, nil, string.format(template,
	    string.format("bench %s %d %d", nonce, tid, counter)))
end
