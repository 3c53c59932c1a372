/**
 * The Lua scripts behind RedisQuotaStore. Each runs atomically inside Redis, so reserve and
 * settle are all-or-nothing across every gateway process sharing the server.
 *
 * Per grant there are two keys (with a `{grantId}` hash tag, so they stay on one cluster slot):
 *   STATE  hash: held (tokens held by calls in flight), inflight, settled (mirror of the lifetime
 *          total), rpm_level/rpm_at and tpm_level/tpm_at (token buckets: level and when it was
 *          last refilled, ms)
 *   LEASES sorted set: one member `<tokens>|<reservation id>` per call in flight, scored by the
 *          Redis time its lease runs out. Live gateways renew their leases; a crashed gateway's
 *          leases run out, and the next reserve gives back their hold and slot.
 * Both keys expire when idle (after the buckets would be full again and no lease is live).
 *
 * Lease expiry always uses Redis's clock (one clock for all gateways); the buckets use it too
 * unless the caller passes its own `now` (tests drive time that way).
 */

const COMMON = `
local t = redis.call('TIME')
local clock = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
-- Makes both keys live at least ttl ms from now (never shortens).
local function extend(ttl)
  ttl = math.ceil(ttl)
  for _, k in ipairs(KEYS) do
    local left = redis.call('PTTL', k)
    if left ~= -2 and left < ttl then redis.call('PEXPIRE', k, ttl) end
  end
end
-- ms until a bucket at level l with capacity cap (per minute) is full again.
local function untilFull(l, cap)
  if not l or not cap or l >= cap then return 0 end
  return (cap - l) * 60000 / cap
end
`;

/**
 * KEYS: STATE, LEASES. ARGV: now ('' = Redis clock), rpm, tpm, maxTokensTotal, maxConcurrent
 * ('' = no limit), tokens, settledTotal, lease member, leaseMs, minimum idle TTL ms.
 * Returns {1} or {0, limit, retryAfterMs, settledTotalSeen, exhausted(0/1)}.
 */
export const RESERVE_LUA = `${COMMON}
local now = tonumber(ARGV[1]) or clock
local rpm = tonumber(ARGV[2])
local tpm = tonumber(ARGV[3])
local maxTotal = tonumber(ARGV[4])
local maxConcurrent = tonumber(ARGV[5])
local tokens = tonumber(ARGV[6])
local settledIn = tonumber(ARGV[7])
local leaseMs = tonumber(ARGV[9])
local minTtl = tonumber(ARGV[10])

local f = redis.call('HMGET', KEYS[1], 'held', 'inflight', 'settled', 'rpm_level', 'rpm_at', 'tpm_level', 'tpm_at')
local held = tonumber(f[1]) or 0
local inflight = tonumber(f[2]) or 0

-- Leases that ran out belong to gateways that died mid-call: give back their holds and slots.
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', clock)
if #expired > 0 then
  for _, m in ipairs(expired) do
    held = held - (tonumber(string.match(m, '^([^|]+)|')) or 0)
    inflight = inflight - 1
  end
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', clock)
  if held < 0 then held = 0 end
  if inflight < 0 then inflight = 0 end
  redis.call('HSET', KEYS[1], 'held', held, 'inflight', inflight)
end

-- The lifetime total: the store's figure, or Redis's mirror if that is ahead (usage another
-- gateway settled after this caller read the store, whose hold is already released).
local total = settledIn
local mirror = tonumber(f[3])
if mirror and mirror > total then total = mirror end

if maxConcurrent and inflight >= maxConcurrent then return {0, 'concurrency', 1000, total, 0} end
if maxTotal and total + held + tokens > maxTotal then
  if total + tokens > maxTotal then return {0, 'total_tokens', 3600000, total, 1} end
  return {0, 'total_tokens', 1000, total, 0}
end

-- Token buckets: start full, refill continuously, capacity follows the limit if it changes.
local function level(cap, l, at)
  if not cap then return nil end
  l = tonumber(l)
  at = tonumber(at)
  if not l or not at then return cap end
  l = l + math.max(0, now - at) * cap / 60000
  if l > cap then l = cap end
  return l
end
-- ms until need is available; a call larger than the capacity may run on a full bucket (into debt).
local function wait(l, cap, need)
  if not l then return 0 end
  local required = math.min(need, cap)
  if l >= required then return 0 end
  return math.ceil((required - l) * 60000 / cap)
end
local rl = level(rpm, f[4], f[5])
local tl = level(tpm, f[6], f[7])
local w = wait(rl, rpm, 1)
if w > 0 then return {0, 'rpm', w, total, 0} end
w = wait(tl, tpm, tokens)
if w > 0 then return {0, 'tpm', w, total, 0} end

redis.call('HSET', KEYS[1], 'held', held + tokens, 'inflight', inflight + 1, 'settled', total)
if rl then redis.call('HSET', KEYS[1], 'rpm_level', rl - 1, 'rpm_at', now) else redis.call('HDEL', KEYS[1], 'rpm_level', 'rpm_at') end
if tl then redis.call('HSET', KEYS[1], 'tpm_level', tl - tokens, 'tpm_at', now, 'tpm_cap', tpm) else redis.call('HDEL', KEYS[1], 'tpm_level', 'tpm_at', 'tpm_cap') end
redis.call('ZADD', KEYS[2], clock + leaseMs, ARGV[8])
extend(math.max(minTtl, 2 * leaseMs, untilFull(rl and rl - 1, rpm), untilFull(tl and tl - tokens, tpm)) + 1000)
return {1}
`;

/**
 * KEYS: STATE, LEASES. ARGV: lease member, reserved tokens, actual tokens, minimum idle TTL ms.
 * Returns 1, or 0 if the lease was settled already (or ran out, or the grant was forgotten).
 */
export const SETTLE_LUA = `${COMMON}
if redis.call('ZREM', KEYS[2], ARGV[1]) == 0 then return 0 end
local reserved = tonumber(ARGV[2])
local actual = tonumber(ARGV[3])
local f = redis.call('HMGET', KEYS[1], 'held', 'inflight', 'settled', 'tpm_level', 'tpm_cap')
redis.call('HSET', KEYS[1], 'held', math.max(0, (tonumber(f[1]) or 0) - reserved), 'inflight', math.max(0, (tonumber(f[2]) or 0) - 1))
if f[3] then redis.call('HSET', KEYS[1], 'settled', tonumber(f[3]) + actual) end
local ttl = tonumber(ARGV[4])
if f[4] then
  -- Refund what was held but not used (capped by the next refill), or charge the excess.
  local l = tonumber(f[4]) + reserved - actual
  redis.call('HSET', KEYS[1], 'tpm_level', l)
  ttl = math.max(ttl, untilFull(l, tonumber(f[5])))
end
extend(ttl + 1000)
return 1
`;

/** KEYS: STATE, LEASES. ARGV: leaseMs, minimum idle TTL ms, lease members... Pushes live leases' expiry forward. */
export const RENEW_LUA = `${COMMON}
local leaseMs = tonumber(ARGV[1])
for i = 3, #ARGV do redis.call('ZADD', KEYS[2], 'XX', clock + leaseMs, ARGV[i]) end
extend(math.max(tonumber(ARGV[2]), 2 * leaseMs) + 1000)
return 1
`;
