-- Each request asks for another word, page and order-size limit, so it misses the page cache.
local words = {"batik", "kopi", "coffee", "rattan", "tenun", "vanilla", "sambal", "songket",
               "tas", "kain", "gula", "teh", "jahe", "sabun", "madu", "keripik"}
local counter = 0
request = function()
  counter = counter + 1
  local word = words[(counter % #words) + 1]
  local page = (counter % 5) + 1
  return wrk.format("GET", "/en/catalogue/?q=" .. word .. "&page=" .. page .. "&moq_max=" .. (100000 + counter))
end
