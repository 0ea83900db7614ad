-- The load mix bench/load.py runs with wrk: readers over a realistic mix of pages, 1 % writes.
--
-- wrk runs one thread per connection (-t64 -c64), so each thread's requests and responses
-- alternate and each response's latency is timed here, by page, from the moment its
-- request is made to the moment it is read. Each connection sends its next request as soon
-- as the last one answered, from an address of its own (X-Forwarded-For; the site trusts
-- one proxy). Reads are anonymous; each write is made by the next reader of the thread's
-- share of a pool of signed-in readers, so no reader meets a rate limit.
--
-- Arguments (after `--`): the configuration (a Lua file bench/load.py writes: the paths to
-- read, the open predictions, the articles open for comments, the readers' cookies), the
-- results file, the first reader of the pool this run may use, how many it may use, the
-- number of threads, the mode ("mix"; "reads", the mix without its writes; or "bare") and
-- the run's name. At the end every response's page and latency, every unexpected answer or
-- failed connection (with its time) and every write the site confirmed are written to the
-- results file, a line each, for bench/load_stack.py.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } timespec;
int clock_gettime(int clock, timespec *now);
]]
local MONOTONIC, REALTIME = 1, 0
local clock = ffi.new("timespec")

local function seconds(kind)
  ffi.C.clock_gettime(kind, clock)
  return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) / 1e9
end

local threads = {}

function setup(thread)
  thread:set("number", #threads)
  table.insert(threads, thread)
end

-- Each page's weight: 3 writes in 300 requests.
local MIX = {
  { "home", 45 }, { "category", 45 }, { "article", 105 }, { "search", 18 },
  { "predictions", 24 }, { "prediction", 24 }, { "track record", 12 }, { "feed", 24 },
  { "write: comment", 1 }, { "write: forecast", 1 }, { "write: subscribe", 1 },
}
local TOTAL, READS = 0, 0
for _, entry in ipairs(MIX) do
  TOTAL = TOTAL + entry[2]
  if entry[1]:sub(1, 6) ~= "write:" then READS = READS + entry[2] end
end

local config, first_writer, writers_per_run, threads_count, mode, run
local writes_made = 0

function init(args)
  config = dofile(args[1])
  -- A global, as `lines` is: done() reads both with thread:get().
  results, mode, run = args[2], args[6], args[7]
  first_writer, writers_per_run = tonumber(args[3]), tonumber(args[4])
  threads_count = tonumber(args[5])
  math.randomseed(number * 7919 + math.floor(seconds(REALTIME) * 1000) % 1000003)
  address = string.format("198.18.%d.%d", number % 256, math.random(1, 254))
  -- The results file's lines: wrk copies a thread's flat tables to done(), not nested ones.
  lines = {}
  pending = nil -- the page of the request awaiting its response
  -- wrk calls the first thread's request() once before connecting, to check what it makes.
  checking = number == 0
end

local function pick(list)
  return list[math.random(#list)]
end

local function next_writer()
  -- This thread's share of the run's readers: number, number + threads, number + 2 threads…
  local index = number + writes_made * threads_count
  writes_made = writes_made + 1
  return config.writers[first_writer + (index % writers_per_run) + 1]
end

local function urlencode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local function post(path, fields, cookies, from)
  local body = {}
  for key, value in pairs(fields) do
    table.insert(body, key .. "=" .. urlencode(value))
  end
  local cookie = {}
  for key, value in pairs(cookies) do
    table.insert(cookie, key .. "=" .. value)
  end
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = table.concat(cookie, "; "),
    ["X-Forwarded-For"] = from,
    ["Accept-Encoding"] = "gzip",
  }, table.concat(body, "&"))
end

local function get(path)
  return wrk.format("GET", path, { ["X-Forwarded-For"] = address, ["Accept-Encoding"] = "gzip" })
end

-- What the request awaiting its response would write if the site confirmed it.
local intent, expected

local function build(page)
  expected, intent = 200, nil
  if page == "bare view" then return get("/bench/bare/") end
  if page == "home" then return get("/") end
  if page == "category" then return get(pick(config.categories)) end
  if page == "article" then return get(pick(config.articles)) end
  if page == "search" then return get("/search/?q=" .. pick(config.searches)) end
  if page == "predictions" then return get("/predictions/") end
  if page == "prediction" then return get(pick(config.predictions)) end
  if page == "track record" then return get("/predictions/track-record/") end
  if page == "feed" then return get(pick(config.feeds)) end
  if page == "write: comment" then
    local writer = next_writer()
    local text = string.format("Load run %s, comment %d-%d.", run, number, writes_made)
    expected, intent = 302, "comment\t" .. text
    return post(string.format("/accounts/comments/%d/", pick(config.commentable)),
      { body = text, csrfmiddlewaretoken = writer.csrftoken },
      { sessionid = writer.sessionid, csrftoken = writer.csrftoken }, address)
  end
  if page == "write: forecast" then
    local writer = next_writer()
    local slug, probability = pick(config.open_predictions), math.random(1, 99)
    expected = 302
    intent = string.format("forecast\t%s\t%s\t%d", writer.email, slug, probability)
    return post("/predictions/" .. slug .. "/forecast/",
      { probability = tostring(probability), csrfmiddlewaretoken = writer.csrftoken },
      { sessionid = writer.sessionid, csrftoken = writer.csrftoken }, address)
  end
  -- A subscribe, from a visitor of its own: the limit per address is 10 an hour.
  local email = string.format("load-%s-%d-%d@example.com", run, number, math.random(1, 1e9))
  local token = string.format("%08x%08x%08x%08x", math.random(0, 0x7fffffff),
    math.random(0, 0x7fffffff), math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
  expected, intent = 303, "subscriber\t" .. email
  local from = string.format("198.19.%d.%d", math.random(0, 255), math.random(1, 254))
  return post("/newsletter/subscribe/", { email = email, csrfmiddlewaretoken = token },
    { csrftoken = token }, from)
end

local function choose()
  if mode == "bare" then return "bare view" end
  -- The reads come first in MIX: a roll within their weight never reaches a write.
  local roll = math.random(mode == "reads" and READS or TOTAL)
  for _, entry in ipairs(MIX) do
    roll = roll - entry[2]
    if roll <= 0 then return entry[1] end
  end
end

function request()
  if pending then -- the last request had no response: its connection failed
    table.insert(lines, string.format("failure\t%s\t%.3f\tconnection", pending, seconds(REALTIME)))
  end
  pending = choose()
  local built = build(pending)
  if checking then
    checking, pending = false, nil
  end
  started = seconds(MONOTONIC)
  return built
end

function response(status, headers, body)
  local took = (seconds(MONOTONIC) - started) * 1000
  local page = pending
  pending = nil
  table.insert(lines, string.format("latency\t%s\t%.3f", page, took))
  if status ~= expected then
    table.insert(lines, string.format("failure\t%s\t%.3f\t%d", page, seconds(REALTIME), status))
  elseif intent then
    table.insert(lines, "written\t" .. intent)
  end
end

-- In wrk's main Lua state, which runs setup() and done() but not init().
function done(summary, latency, requests)
  local out = assert(io.open(threads[1]:get("results"), "w"))
  out:write(string.format("duration\t%.6f\n", summary.duration / 1e6))
  local errors = summary.errors
  out:write(string.format("socket errors\t%d\t%d\t%d\t%d\n",
    errors.connect, errors.read, errors.write, errors.timeout))
  for _, thread in ipairs(threads) do
    for _, line in ipairs(thread:get("lines")) do out:write(line, "\n") end
  end
  out:close()
end
