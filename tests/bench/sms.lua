-- wrk script of tests/bench/run: POST /comms/onion_dev_message/ as the
-- provider, an SMS from the mentee whose text differs on every request
-- (the run's nonce, the thread, a counter): the webhook drops a body it
-- has seen before, and a redelivery is not what is measured.
--   wrk ... -s sms.lua URL -- AUTHORIZATION MSISDN NONCE
local threads = 0

function setup(thread)
	threads = threads + 1
	thread:set("tid", threads)
end

local counter = 0
local mobile = ""
local nonce = ""

function init(args)
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
	wrk.headers["Authorization"] = args[1]
	mobile = args[2]
	nonce = args[3] or ""
end

function request()
	counter = counter + 1
	return wrk.format(nil, nil, nil, string.format(
	    '{"message": "bench %s %d %d", "mobile": "%s"}', nonce, tid,
	    counter, mobile))
end
