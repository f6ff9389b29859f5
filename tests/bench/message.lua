-- wrk script of tests/bench/run: POST {"content": "..."}, a different
-- content on every request (the run's nonce, the thread, a counter), so
-- that no two requests are the same message.
--   wrk ... -s message.lua URL -- AUTHORIZATION NONCE
-- An empty AUTHORIZATION sends none (the INSERT ceiling needs none).
local threads = 0

function setup(thread)
	threads = threads + 1
	thread:set("tid", threads)
end

local counter = 0
local nonce = ""

function init(args)
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
	if args[1] ~= nil and args[1] ~= "" then
		wrk.headers["Authorization"] = args[1]
	end
	nonce = args[2] or ""
end

function request()
	counter = counter + 1
	return wrk.format(nil, nil, nil, string.format(
	    '{"content": "bench %s %d %d"}', nonce, tid, counter))
end
