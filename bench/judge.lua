-- Live traffic for the canary-judge benchmark: one request in twenty goes to /bench-judge/checkout
-- (404 from healthy versions, 500 from the broken "errors" one), the others to /bench-judge/.
local n = 0
request = function()
  n = n + 1
  if n % 20 == 0 then
    return wrk.format("GET", "/bench-judge/checkout")
  end
  return wrk.format("GET", "/bench-judge/")
end
