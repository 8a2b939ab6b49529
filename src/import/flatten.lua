-- krufolio import: every table as a GFM pipe table. Merged cells are split
-- (their text stays in the first cell) and cells of several paragraphs are
-- joined with line breaks; each flattened table is reported on stderr as
-- "krufolio-flattened <n>" (n counts tables from 1).
local n = 0

local function spans(tbl)
  local found = false
  local function rows(rs)
    for _, r in ipairs(rs) do
      local cells = r.cells or r[2]
      for _, c in ipairs(cells) do
        if (c.row_span or 1) > 1 or (c.col_span or 1) > 1 then found = true end
        if #c.contents > 1 or (c.contents[1] and c.contents[1].t ~= "Plain" and c.contents[1].t ~= "Para") then found = true end
      end
    end
  end
  rows(tbl.head.rows)
  for _, b in ipairs(tbl.bodies) do rows(b.head); rows(b.body) end
  rows(tbl.foot.rows)
  return found
end

local function one(blocks)
  local inl = pandoc.List()
  for i, b in ipairs(blocks) do
    if i > 1 then inl:insert(pandoc.Space()) end
    local s = pandoc.utils.stringify(b)
    if b.t == "Plain" or b.t == "Para" then inl:extend(b.content) else inl:insert(pandoc.Str(s)) end
  end
  return { pandoc.Plain(inl) }
end

function Table(tbl)
  n = n + 1
  if spans(tbl) then io.stderr:write("krufolio-flattened " .. n .. "\n") end
  local s = pandoc.utils.to_simple_table(tbl)
  local width = #s.aligns
  local function fix(row)
    local out = {}
    for i = 1, width do out[i] = one(row[i] or {}) end
    return out
  end
  s.headers = fix(s.headers)
  for i, r in ipairs(s.rows) do s.rows[i] = fix(r) end
  for i = 1, width do s.widths[i] = 0 end
  return pandoc.utils.from_simple_table(s)
end
