"""Boards in Chromium, online over HTTP and the offline build from file:// with every other request blocked:
the cards sit where the file puts them, the edges meet the sides they name, and zoom and pan work by
keyboard, wheel, drag and pinch."""
from __future__ import annotations

import functools
import http.server
import json
import threading

import pytest

from sitebuild import build, make_project
from test_browser_search import OUTPUT, QuietHandler, browser, open_site  # noqa: F401 (fixture)
from test_canvas import vault

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """(online base URL, offline base URL) of the canvas vault."""
    project = make_project(tmp_path_factory.mktemp("canvas-browser"), vault.NOTES, vault.ATTACHMENTS,
                           {"broken_links": "info"})
    for name, offline in (("online", False), ("offline", True)):
        result = build(project, project / name, offline=offline, strict=False)
        assert result.returncode == 0, result.stderr
    handler = functools.partial(QuietHandler, directory=str(project / "online"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    yield {"online": f"{base}maps/course-map-canvas/", "online home": base,
           "offline": (project / "offline" / "maps" / "course-map-canvas.html").as_uri(),
           "offline home": (project / "offline" / "index.html").as_uri()}
    server.shutdown()


@pytest.fixture(params=["online", "offline"])
def board(request, browser, sites):  # noqa: F811
    mode = request.param
    allowed = sites["online"].split("/maps/")[0] if mode == "online" else "file://"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors, outside = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(request_route):
        url = request_route.request.url
        if url.startswith((allowed, "data:", "blob:")):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.goto(sites[mode])
    page.wait_for_selector(".vault-canvas--drawn .vault-canvas__wires")
    yield page, mode
    page.screenshot(path=str(OUTPUT / f"canvas-{mode}.png"))
    context.close()
    assert errors == [] and outside == [], (errors, outside)


def scale(page) -> float:
    return float(page.get_attribute(".vault-canvas__viewport", "data-vault-scale"))


def translation(page) -> tuple[float, float]:
    matrix = page.evaluate("getComputedStyle(document.querySelector('.vault-canvas__plane')).transform")
    values = [float(v) for v in matrix[len("matrix("):-1].split(",")]
    return values[4], values[5]


def card_boxes(page) -> dict[str, dict]:
    ids = [raw["id"] for raw in vault.COURSE_MAP["nodes"]]
    boxes = page.eval_on_selector_all(".vault-canvas__plane > .vault-canvas__node", """cards => cards.map(card => {
        const r = card.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; })""")
    return dict(zip(ids, boxes))


def test_cards_sit_where_the_file_puts_them(board):
    page, _ = board
    factor = scale(page)
    assert 0 < factor <= 1
    raw = {node["id"]: node for node in vault.COURSE_MAP["nodes"]}
    boxes = card_boxes(page)
    assert len(boxes) == len(raw)
    origin = boxes["course"]
    for node_id, box in boxes.items():
        expected_x = (raw[node_id]["x"] - raw["course"]["x"]) * factor
        expected_y = (raw[node_id]["y"] - raw["course"]["y"]) * factor
        assert abs(box["x"] - origin["x"] - expected_x) < 1.5, node_id
        assert abs(box["y"] - origin["y"] - expected_y) < 1.5, node_id
        assert abs(box["width"] - raw[node_id]["width"] * factor) < 1.5, node_id
    viewport = page.locator(".vault-canvas__viewport").bounding_box()
    left = min(box["x"] for box in boxes.values())
    right = max(box["x"] + box["width"] for box in boxes.values())
    assert viewport["x"] <= left and right <= viewport["x"] + viewport["width"]  # fitted: all in view
    tiled = page.evaluate("document.querySelector('#canvas-n9').style.backgroundImage")  # backgroundStyle: repeat
    assert tiled.startswith("url(") and "assets/pic.png" in tiled


def test_edges_meet_the_sides_they_name_with_arrows_colours_and_labels(board):
    page, _ = board
    assert page.locator(".vault-canvas__edge").count() == len(vault.COURSE_MAP["edges"])
    arrows = sum((edge.get("toEnd", "arrow") == "arrow") + (edge.get("fromEnd") == "arrow")
                 for edge in vault.COURSE_MAP["edges"])
    assert page.locator(".vault-canvas__arrow").count() == arrows
    labels = page.eval_on_selector_all(".vault-canvas__edge-label", "labels => labels.map(l => l.textContent)")
    assert labels == [edge["label"] for edge in vault.COURSE_MAP["edges"] if "label" in edge]
    ends = page.evaluate("""() => {
        const path = document.querySelector('[data-vault-edge-id="e-read"] path');
        const matrix = path.getScreenCTM(), length = path.getTotalLength();
        return [0, length].map(at => { const p = path.getPointAtLength(at).matrixTransform(matrix);
                                         return [p.x, p.y]; }); }""")
    boxes = card_boxes(page)
    welcome, details = boxes["welcome"], boxes["details"]
    assert abs(ends[0][0] - (welcome["x"] + welcome["width"])) < 2  # right side of the welcome card
    assert abs(ends[0][1] - (welcome["y"] + welcome["height"] / 2)) < 2
    assert abs(ends[1][0] - details["x"]) < 2 and abs(ends[1][1] - (details["y"] + details["height"] / 2)) < 2
    stroke = page.evaluate("getComputedStyle(document.querySelector('[data-vault-edge-id=\"e-both\"] path')).stroke")
    assert stroke == "rgb(255, 0, 136)"


def test_keyboard_zooms_pans_and_fits_with_visible_focus(board):
    page, _ = board
    page.focus(".vault-canvas__controls button:last-child")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('vault-canvas__viewport')")
    outline = page.evaluate("(s => [s.outlineStyle, s.outlineWidth])(getComputedStyle(document.activeElement))")
    assert outline == ["solid", "3px"]
    fitted = scale(page)
    page.keyboard.press("+")
    assert scale(page) == pytest.approx(fitted * 1.25, abs=0.002)
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert scale(page) == pytest.approx(fitted / 1.25, abs=0.002)
    x, y = translation(page)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    assert translation(page) == pytest.approx((x - 60, y - 60), abs=0.5)
    page.keyboard.press("0")
    assert scale(page) == pytest.approx(fitted, abs=0.002)


def test_wheel_zooms_and_drag_pans(board):
    page, _ = board
    viewport = page.locator(".vault-canvas__viewport").bounding_box()
    fitted = scale(page)
    page.mouse.move(viewport["x"] + viewport["width"] / 2, viewport["y"] + viewport["height"] / 2)
    page.mouse.wheel(0, -300)
    page.wait_for_function(f"Number(document.querySelector('.vault-canvas__viewport').dataset.vaultScale) > {fitted}")
    x, y = translation(page)
    start = (viewport["x"] + 8, viewport["y"] + 8)  # the board's margin: no card there
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] + 100, start[1] + 50, steps=5)
    page.mouse.up()
    assert translation(page) == pytest.approx((x + 100, y + 50), abs=1)


def test_two_fingers_pinch_to_zoom(board):
    page, _ = board
    fitted = scale(page)
    page.evaluate("""() => {
        const viewport = document.querySelector('.vault-canvas__viewport');
        const r = viewport.getBoundingClientRect(), cx = r.x + r.width / 2, cy = r.y + r.height / 2;
        const send = (type, id, x) => viewport.dispatchEvent(new PointerEvent(type, {pointerId: id, pointerType: 'touch',
            clientX: x, clientY: cy, button: 0, bubbles: true, isPrimary: id === 11}));
        send('pointerdown', 11, cx - 20); send('pointerdown', 12, cx + 20);
        for (let step = 1; step <= 5; step++) send('pointermove', 12, cx + 20 + step * 20);
        send('pointerup', 11, cx - 20); send('pointerup', 12, cx + 120);
    }""")
    assert scale(page) > fitted * 1.5


def test_the_outline_follows_the_board_for_keyboard_users(board):
    page, _ = board
    links = page.eval_on_selector_all(".vault-canvas-outline a", "links => links.map(a => a.getAttribute('href'))")
    assert len(links) == len(vault.COURSE_MAP["nodes"]) + 2 * len(vault.COURSE_MAP["edges"])
    assert page.evaluate("""() => { const outline = document.querySelector('.vault-canvas-outline');
        const board = document.querySelector('.vault-canvas');
        return !!(board.compareDocumentPosition(outline) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    label = page.get_attribute(".vault-canvas__viewport", "aria-label")
    assert label.startswith("Board: Course map, 11 cards and 4 connections") and "arrow keys pan" in label
    json.dumps(label)


@pytest.mark.parametrize("mode", ["online", "offline"])
def test_search_finds_a_cards_text_on_the_board(browser, sites, mode):  # noqa: F811
    home = sites[f"{mode} home"]
    session = open_site(browser, home, allowed_prefix=home if mode == "online" else "file://")
    titles, _ = session.search("comment")  # only the welcome card says "Visible after comment"
    assert titles and titles[0].startswith("Course map"), titles
    assert session.errors == [] and session.outside == []
    session.page.context.close()


def test_tabbing_to_a_link_in_a_card_pans_it_into_view(board):
    page, _ = board
    page.focus(".vault-canvas__viewport")
    for _ in range(6):
        page.keyboard.press("+")  # zoomed in on the middle: the link card is out of view
    link = page.locator("a.vault-canvas__url")
    viewport = page.locator(".vault-canvas__viewport").bounding_box()

    def inside() -> bool:
        box = link.bounding_box()
        return (viewport["x"] <= box["x"] and box["x"] + box["width"] <= viewport["x"] + viewport["width"]
                and viewport["y"] <= box["y"] and box["y"] + box["height"] <= viewport["y"] + viewport["height"])

    assert not inside()
    link.focus()
    assert inside()
    assert page.evaluate("[document.querySelector('.vault-canvas__viewport').scrollLeft, "
                         "document.querySelector('.vault-canvas__viewport').scrollTop]") == [0, 0]
