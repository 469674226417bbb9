-- wrk script of the busy hour (bench/busy.py). Each thread has one connection (run with -t N -c N),
-- so requests and responses alternate and each response is timed against its own request.
-- The requests come from a file named by the first argument (the second: ms to wait between a
-- connection's requests, default 0): one a line,
--   tag <TAB> method <TAB> path <TAB> cookie <TAB> body
-- Each thread starts at a random line of its own and walks the file round robin (the file is shuffled), so every
-- connection is a different person. Each response is written to the thread's own file
-- (<file>.<thread>.out: tag, microseconds, status, 1 if the page cache answered; a 302 to /accounts/
-- is written as 401) and
-- bench/busy.py computes the figures; at the end one JSON line with wrk's socket errors.
local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } busy_timespec;
int clock_gettime(int clk_id, busy_timespec *tp);
]])
local ts = ffi.new("busy_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local lines = {}
local index = 0
local started = 0
local current = nil
local lines = {}
local index = 0
local started = 0
local current = nil
local out = nil
local think = 0

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(fields, field)
  end
  return fields
end

function init(args)
  think = tonumber(args[2] or "0") -- ms each connection waits between requests (a person thinking)
  for line in io.lines(args[1]) do
    if #line > 0 then
      table.insert(lines, split(line))
    end
  end
  math.randomseed(1000 + (id or 0))
  index = math.random(#lines) - 1 -- each connection starts somewhere else in the file
  -- every response on a line of this thread's own file (line-buffered: nothing lost at exit)
  out = io.open(args[1] .. "." .. (id or 0) .. ".out", "w")
  out:setvbuf("line")
end

function delay()
  return think
end

function request()
  index = index % #lines + 1
  current = lines[index]
  local headers = {}
  if current[4] ~= "" then
    headers["Cookie"] = current[4]
  end
  local body = nil
  if current[2] == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    body = current[5]
  end
  started = now_us()
  return wrk.format(current[2], current[3], headers, body)
end

function response(status, headers, body)
  local elapsed = now_us() - started
  local location = headers["Location"] or ""
  if status == 302 and location:find("/accounts/", 1, true) then
    status = 401 -- sent to sign in or to the second factor: the session did not work
  end
  local hit = 0
  if headers["X-U4SSC-Cache"] == "hit" then
    hit = 1 -- served from the page cache (kernel/middleware.py)
  end
  out:write(current[1], " ", math.floor(elapsed), " ", status, " ", hit, "\n")
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BUSY {"duration_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.duration, e.connect, e.read, e.write, e.timeout))
end
