"""What the accessibility tests share: axe-core's WCAG 2.2 A/AA run, the measured colour-contrast and
focus-ring scripts, the reflow check at 200 % text, and keyboard helpers. Used by test_accessibility.py (learner
pages) and test_work.py (teacher and staff pages).
"""
import importlib.util
import pathlib

from selenium.webdriver.common.keys import Keys

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_source():
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec and spec.submodule_search_locations, "axe-playwright-python is not installed in the test venv (make test installs it)"
    return (pathlib.Path(list(spec.submodule_search_locations)[0]) / "axe.min.js").read_text(encoding="utf-8")


def run_axe(browser, source):
    browser.execute_script(source)
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}))}))"
        ".catch(e => done({error: String(e)}));",
        WCAG_TAGS,
    )


# Walks every element that has its own visible text, finds the colour behind it (the first ancestor with an
# opaque background), and returns WCAG 2.x contrast ratios with the size that decides the threshold.
COLOUR_JS = """
function channel(c) { c /= 255; return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); }
function parse(colour) { const m = colour.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
function luminance(c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }
function over(top, bottom) { const a = top.a; return {r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1}; }
function background(element) {
  const layers = [];
  for (let e = element; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c.a > 0) { layers.push(c); if (c.a >= 1) break; }
  }
  let colour = {r: 255, g: 255, b: 255, a: 1};
  for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
  return colour;
}
function ratio(a, b) { const x = luminance(a), y = luminance(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
"""
CONTRAST_SCRIPT = COLOUR_JS + """
const out = [];
for (const element of document.body.querySelectorAll('*')) {
  const own = Array.from(element.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own || !element.getClientRects().length) continue;
  const style = getComputedStyle(element);
  if (style.visibility === 'hidden' || style.display === 'none') continue;
  const rect = element.getBoundingClientRect();
  if (rect.width <= 1 || rect.height <= 1 || rect.right < 0 || rect.bottom < 0) continue;
  const bg = background(element);
  const fg = over(parse(style.color), bg);
  const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
  const large = size >= 24 || (bold && size >= 18.66);
  out.push({tag: element.tagName.toLowerCase(), text: element.textContent.trim().slice(0, 30), fg: style.color, bg: `rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)})`,
            size: size, large: large, ratio: ratio(fg, bg)});
}
return out;
"""


def focused(browser):
    return browser.switch_to.active_element


def tab_until(browser, predicate, limit=80):
    for _ in range(limit):
        focused(browser).send_keys(Keys.TAB)
        if predicate(focused(browser)):
            return focused(browser)
    raise AssertionError("keyboard focus never reached the element")


# The ring is drawn outside the element (outline-offset), so it is measured against the parent's background.
FOCUS_RING = COLOUR_JS + """
const e = arguments[0], s = getComputedStyle(e);
return {host: e.matches(':focus'), style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor, ratio: ratio(parse(s.outlineColor), background(e.parentElement))};
"""


def checked_focus_ring(browser, element, name):
    """The focus ring of the focused `element`, asserted visible (2 px or more) and at 3:1 against what is behind
    it (WCAG 1.4.11); None when focus sits on a date or time field's own picker button, which lives in the
    browser's shadow tree where the stylesheet's ::-webkit-calendar-picker-indicator rule rings it: tab on."""
    ring = browser.execute_script(FOCUS_RING, element)
    if not ring["host"] and element.get_attribute("type") in ("time", "date"):
        return None
    assert ring["style"] != "none" and ring["width"] >= 2, (name, ring)
    assert ring["ratio"] >= 3.0, (name, ring)
    return ring


def focus_stops(browser, name_of, limit):
    """Walks the page with Tab from the current focus, yielding (element, name, ring) at each stop, its focus ring
    already checked; the loop that reads them decides where to stop (break). Fails if `limit` presses pass first."""
    for _ in range(limit):
        element = focused(browser)
        name = name_of(element)
        ring = checked_focus_ring(browser, element, name)
        if ring is not None:
            yield element, name, ring
        focused(browser).send_keys(Keys.TAB)
    raise AssertionError(f"the walk found no end within {limit} Tab presses")


# Data tables may scroll inside their own box (`.table`), which WCAG 1.4.10 allows; the page itself may not.
# `.skip`, `.visually-hidden` and the report form's robot trap `.trap` are off screen on purpose.
OVERFLOW = """
document.documentElement.style.fontSize = arguments[0];
for (const d of document.querySelectorAll('details')) d.open = true;
const width = document.documentElement.clientWidth;
const wide = [];
for (const e of document.body.querySelectorAll('*')) {
  const r = e.getBoundingClientRect();
  if (r.width > 0 && (r.right > width + 1 || r.left < -1) && !e.closest('.skip, .visually-hidden, .trap, .table')) wide.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
}
const narrow = [];
for (const dd of document.querySelectorAll('dd')) if (dd.textContent.trim() && dd.getBoundingClientRect().width < 40) narrow.push(dd.textContent.trim().slice(0, 20));
return {scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5), narrow: narrow.slice(0, 5)};
"""
