-- wrk script for scripts/bench-serve: POST /commands with new cases, `batch` submits per request
-- (BENCH_BATCH, default 1), each with a case id no other request of the run uses: thread t takes
-- ids t * 100,000,000 onwards. Every submit carries the same time, so requests of all connections
-- are in time order whatever order they reach the service in.
local threads = {}
local counter = 0

function setup(thread)
    thread:set("base", counter * 100000000)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    batch = tonumber(os.getenv("BENCH_BATCH") or "1")
    next_id = base
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
end

function request()
    local lines = {}
    for i = 1, batch do
        lines[i] = string.format('{"command":"submit","time_us":1000,"case":%d,"hall":0,"service":0,"channel":"online"}', next_id)
        next_id = next_id + 1
    end
    return wrk.format(nil, "/commands", nil, table.concat(lines, "\n"))
end

function response(status, headers, body)
    if status ~= 200 or (batch > 1 and not string.find(body, '"rejected":0', 1, true)) then
        bad = (bad or 0) + 1
    end
end

function done(summary, latency, requests)
    local refused = 0
    for _, t in ipairs(threads) do refused = refused + (t:get("bad") or 0) end
    local seconds = summary.duration / 1e6
    io.write(string.format("bench-serve: %d requests of %d commands in %.1f s: %.0f commands/s; %d not wholly applied; socket errors %d\n",
        summary.requests, batch_size(), seconds, summary.requests * batch_size() / seconds, refused,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

function batch_size() return tonumber(os.getenv("BENCH_BATCH") or "1") end
