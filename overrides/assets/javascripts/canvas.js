/* JSON Canvas boards (hooks/vaultlib/canvas): lays the cards out from their data-vault-* attributes,
   draws the edges as SVG made with DOM calls (labels by textContent), and zooms and pans by mouse
   wheel and drag, touch pinch and drag, and keyboard (+ - arrows 0) on the focused board.

   The page already holds every card and edge (the build wrote them): nothing is fetched, so it works
   online and from file://. Without this script the cards show as a column and the outline below
   the board lists the same cards and edges. Own code, not a library: the layout is absolute
   positions and one CSS transform, which a pan-zoom library would add a dependency for. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var HEX = /^#[0-9a-f]{6}$/;
  var PRESET = /^[1-6]$/;
  var SIDES = { top: true, right: true, bottom: true, left: true };
  var MARGIN = 40; // board units of room around the cards
  var MIN_SCALE = 0.05, MAX_SCALE = 4, KEY_ZOOM = 1.25, KEY_PAN = 60;

  function data(element, name) {
    return element.getAttribute("data-vault-" + name) || "";
  }

  function number(element, name, fallback) {
    var value = Number(data(element, name));
    return isFinite(value) ? value : fallback;
  }

  function colour(element, value) {
    if (PRESET.test(value)) element.classList.add("vault-canvas--color-" + value);
    else if (HEX.test(value)) element.style.setProperty("--vault-canvas-color", value);
  }

  function readNodes(board) {
    var nodes = {};
    var list = [];
    board.querySelectorAll(":scope > .vault-canvas__node").forEach(function (element) {
      var node = {
        element: element,
        key: data(element, "node"),
        x: number(element, "x", 0),
        y: number(element, "y", 0),
        width: Math.max(1, number(element, "width", 250)),
        height: Math.max(1, number(element, "height", 60))
      };
      nodes[node.key] = node;
      list.push(node);
    });
    return { byKey: nodes, list: list };
  }

  function bounds(list) {
    var box = { left: 0, top: 0, right: 1, bottom: 1 };
    list.forEach(function (node, index) {
      if (index === 0) box = { left: node.x, top: node.y, right: node.x + node.width, bottom: node.y + node.height };
      box.left = Math.min(box.left, node.x);
      box.top = Math.min(box.top, node.y);
      box.right = Math.max(box.right, node.x + node.width);
      box.bottom = Math.max(box.bottom, node.y + node.height);
    });
    return {
      left: box.left - MARGIN, top: box.top - MARGIN,
      width: box.right - box.left + 2 * MARGIN, height: box.bottom - box.top + 2 * MARGIN
    };
  }

  function placeNodes(nodes, box, plane) {
    nodes.list.forEach(function (node) {
      var style = node.element.style;
      style.left = node.x - box.left + "px";
      style.top = node.y - box.top + "px";
      style.width = node.width + "px";
      style.height = node.height + "px";
      var hex = data(node.element, "color");
      if (hex) colour(node.element, hex);
      if (data(node.element, "background-style") === "repeat") repeatBackground(node.element);
      plane.appendChild(node.element); // in file order: the order is the z-order
    });
  }

  function repeatBackground(group) {
    var image = group.querySelector(".vault-canvas__background img");
    if (!image) return;
    group.style.backgroundImage = "url(" + JSON.stringify(image.currentSrc || image.src) + ")";
    group.classList.add("vault-canvas__node--tiled");
  }

  // The point on a card's side where an edge meets it, and the direction it leaves in.
  function anchor(node, side, box) {
    var x = node.x - box.left, y = node.y - box.top;
    if (side === "top") return { x: x + node.width / 2, y: y, dx: 0, dy: -1 };
    if (side === "bottom") return { x: x + node.width / 2, y: y + node.height, dx: 0, dy: 1 };
    if (side === "left") return { x: x, y: y + node.height / 2, dx: -1, dy: 0 };
    return { x: x + node.width, y: y + node.height / 2, dx: 1, dy: 0 };
  }

  // The side of ``node`` that faces ``other``, for an edge whose file gives no side.
  function facing(node, other) {
    var dx = other.x + other.width / 2 - (node.x + node.width / 2);
    var dy = other.y + other.height / 2 - (node.y + node.height / 2);
    if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? "right" : "left";
    return dy >= 0 ? "bottom" : "top";
  }

  function svgElement(name, attributes) {
    var element = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { element.setAttribute(key, String(attributes[key])); });
    return element;
  }

  function arrowHead(point) {
    // A triangle whose tip is on the card's side, pointing into the card.
    var size = 12, half = 6;
    var backX = point.x + point.dx * size, backY = point.y + point.dy * size;
    var px = -point.dy * half, py = point.dx * half;
    return svgElement("polygon", {
      "class": "vault-canvas__arrow",
      points: [point.x, point.y, backX + px, backY + py, backX - px, backY - py].join(" ")
    });
  }

  function drawEdge(svg, edgeElement, nodes, box) {
    var from = nodes.byKey[data(edgeElement, "from")], to = nodes.byKey[data(edgeElement, "to")];
    if (!from || !to) return;
    var fromSide = SIDES[data(edgeElement, "from-side")] ? data(edgeElement, "from-side") : facing(from, to);
    var toSide = SIDES[data(edgeElement, "to-side")] ? data(edgeElement, "to-side") : facing(to, from);
    var start = anchor(from, fromSide, box), end = anchor(to, toSide, box);
    var reach = Math.max(40, Math.hypot(end.x - start.x, end.y - start.y) / 3);
    var c1 = { x: start.x + start.dx * reach, y: start.y + start.dy * reach };
    var c2 = { x: end.x + end.dx * reach, y: end.y + end.dy * reach };
    var group = svgElement("g", { "class": "vault-canvas__edge", "data-vault-edge-id": data(edgeElement, "edge") });
    var hex = data(edgeElement, "color");
    if (PRESET.test(hex)) group.classList.add("vault-canvas--color-" + hex);
    else if (HEX.test(hex)) group.style.setProperty("--vault-canvas-color", hex);
    group.appendChild(svgElement("path", {
      "class": "vault-canvas__line",
      d: ["M", start.x, start.y, "C", c1.x, c1.y, c2.x, c2.y, end.x, end.y].join(" ")
    }));
    if (data(edgeElement, "to-end") !== "none") group.appendChild(arrowHead(end));
    if (data(edgeElement, "from-end") === "arrow") group.appendChild(arrowHead(start));
    var label = data(edgeElement, "label");
    if (label) {
      // The curve's middle (t = 0.5 of the cubic Bezier).
      var mx = (start.x + 3 * c1.x + 3 * c2.x + end.x) / 8, my = (start.y + 3 * c1.y + 3 * c2.y + end.y) / 8;
      var text = svgElement("text", { "class": "vault-canvas__edge-label", x: mx, y: my });
      text.textContent = label;
      group.appendChild(text);
    }
    svg.appendChild(group);
  }

  function drawEdges(board, nodes, box, plane) {
    var svg = svgElement("svg", {
      "class": "vault-canvas__wires", width: box.width, height: box.height,
      viewBox: "0 0 " + box.width + " " + box.height, "aria-hidden": "true", focusable: "false"
    });
    board.querySelectorAll(":scope > .vault-canvas__edges > [data-vault-edge]").forEach(function (edge) { drawEdge(svg, edge, nodes, box); });
    // Above the groups, below the cards: the first card that is not a group.
    var firstCard = nodes.list.filter(function (node) {
      return !node.element.classList.contains("vault-canvas__node--group");
    })[0];
    plane.insertBefore(svg, firstCard ? firstCard.element : null);
  }

  function button(text, label, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "vault-canvas__button md-button";
    element.textContent = text;
    element.setAttribute("aria-label", label);
    element.addEventListener("click", action);
    return element;
  }

  function View(viewport, plane, box) {
    this.viewport = viewport;
    this.plane = plane;
    this.box = box;
    this.scale = 1;
    this.x = 0;
    this.y = 0;
    this.moved = false; // the reader zoomed or panned since the last fit
  }

  View.prototype.apply = function () {
    this.plane.style.transform = "translate(" + this.x + "px, " + this.y + "px) scale(" + this.scale + ")";
    this.viewport.setAttribute("data-vault-scale", this.scale.toFixed(3));
  };

  View.prototype.fit = function () {
    this.moved = false;
    var width = this.viewport.clientWidth || 1, height = this.viewport.clientHeight || 1;
    this.scale = Math.max(MIN_SCALE, Math.min(1, width / this.box.width, height / this.box.height));
    this.x = (width - this.box.width * this.scale) / 2;
    this.y = (height - this.box.height * this.scale) / 2;
    this.apply();
  };

  // Zoom by ``factor`` keeping the viewport point (px, py) still.
  View.prototype.zoom = function (factor, px, py) {
    this.moved = true;
    var scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, this.scale * factor));
    if (px === undefined) {
      px = this.viewport.clientWidth / 2;
      py = this.viewport.clientHeight / 2;
    }
    this.x = px - (px - this.x) * (scale / this.scale);
    this.y = py - (py - this.y) * (scale / this.scale);
    this.scale = scale;
    this.apply();
  };

  View.prototype.pan = function (dx, dy) {
    this.moved = true;
    this.x += dx;
    this.y += dy;
    this.apply();
  };

  var INTERACTIVE = "a, button, input, textarea, select, summary, audio, video, iframe, [contenteditable]";

  function listen(view) {
    var viewport = view.viewport;
    var pointers = {};
    var pinch = null;

    function local(event) {
      var rect = viewport.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    }

    viewport.addEventListener("wheel", function (event) {
      event.preventDefault();
      var point = local(event);
      view.zoom(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015)), point.x, point.y);
    }, { passive: false });

    viewport.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || event.target.closest(INTERACTIVE)) return;
      pointers[event.pointerId] = local(event);
      try {
        viewport.setPointerCapture(event.pointerId); // keep the drag when the pointer leaves the board
      } catch (error) { /* a pointer the browser does not track (a synthetic event): drag without capture */ }
      viewport.classList.add("vault-canvas__viewport--dragging");
    });

    viewport.addEventListener("pointermove", function (event) {
      var last = pointers[event.pointerId];
      if (!last) return;
      var point = local(event);
      var ids = Object.keys(pointers);
      if (ids.length >= 2) {
        pointers[event.pointerId] = point;
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var distance = Math.hypot(a.x - b.x, a.y - b.y) || 1;
        var middle = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
        if (pinch) {
          view.pan(middle.x - pinch.middle.x, middle.y - pinch.middle.y);
          view.zoom(distance / pinch.distance, middle.x, middle.y);
        }
        pinch = { distance: distance, middle: middle };
        return;
      }
      view.pan(point.x - last.x, point.y - last.y);
      pointers[event.pointerId] = point;
    });

    function release(event) {
      delete pointers[event.pointerId];
      pinch = null;
      if (!Object.keys(pointers).length) viewport.classList.remove("vault-canvas__viewport--dragging");
    }
    viewport.addEventListener("pointerup", release);
    viewport.addEventListener("pointercancel", release);

    // Tabbing to a link inside a card brings the card into view by panning; the browser would
    // otherwise scroll the clipped viewport itself and the board would drift from its transform.
    viewport.addEventListener("scroll", function () { viewport.scrollLeft = 0; viewport.scrollTop = 0; });
    viewport.addEventListener("focusin", function (event) {
      if (event.target === viewport) return;
      viewport.scrollLeft = 0;
      viewport.scrollTop = 0;
      var inner = event.target.getBoundingClientRect(), outer = viewport.getBoundingClientRect();
      var room = 16, dx = 0, dy = 0;
      if (inner.left < outer.left + room) dx = outer.left + room - inner.left;
      else if (inner.right > outer.right - room) dx = Math.max(outer.right - room - inner.right, outer.left + room - inner.left);
      if (inner.top < outer.top + room) dy = outer.top + room - inner.top;
      else if (inner.bottom > outer.bottom - room) dy = Math.max(outer.bottom - room - inner.bottom, outer.top + room - inner.top);
      if (dx || dy) view.pan(dx, dy);
    });

    viewport.addEventListener("keydown", function (event) {
      if (event.target !== viewport || event.altKey || event.ctrlKey || event.metaKey) return;
      var keys = {
        "+": function () { view.zoom(KEY_ZOOM); },
        "=": function () { view.zoom(KEY_ZOOM); },
        "-": function () { view.zoom(1 / KEY_ZOOM); },
        "_": function () { view.zoom(1 / KEY_ZOOM); },
        "0": function () { view.fit(); },
        ArrowLeft: function () { view.pan(KEY_PAN, 0); },
        ArrowRight: function () { view.pan(-KEY_PAN, 0); },
        ArrowUp: function () { view.pan(0, KEY_PAN); },
        ArrowDown: function () { view.pan(0, -KEY_PAN); }
      };
      if (!keys[event.key]) return;
      event.preventDefault();
      keys[event.key]();
    });
  }

  function setup(board) {
    // A hover preview (previews.js) shows a copy of the page's HTML: its cards stay a plain column.
    if (board.getAttribute("data-vault-drawn") || board.closest(".vault-preview")) return;
    board.setAttribute("data-vault-drawn", "true");
    var nodes = readNodes(board);
    var box = bounds(nodes.list);
    var viewport = document.createElement("div");
    viewport.className = "vault-canvas__viewport";
    viewport.style.height = Math.max(200, Math.min(box.height, 720)) + "px"; // a small board needs no tall frame
    viewport.tabIndex = 0;
    viewport.setAttribute("role", "group");
    viewport.setAttribute("aria-roledescription", "board");
    viewport.setAttribute("aria-label", (board.getAttribute("aria-label") || "Board") +
      ". Plus and minus zoom, arrow keys pan, 0 fits the board; the outline below lists the same cards.");
    var plane = document.createElement("div");
    plane.className = "vault-canvas__plane";
    plane.style.width = box.width + "px";
    plane.style.height = box.height + "px";
    placeNodes(nodes, box, plane);
    drawEdges(board, nodes, box, plane);
    viewport.appendChild(plane);
    var view = new View(viewport, plane, box);
    var controls = document.createElement("div");
    controls.className = "vault-canvas__controls";
    controls.appendChild(button("+", "Zoom in", function () { view.zoom(KEY_ZOOM); }));
    controls.appendChild(button("\u2212", "Zoom out", function () { view.zoom(1 / KEY_ZOOM); }));
    controls.appendChild(button("Fit", "Fit the board", function () { view.fit(); }));
    board.insertBefore(controls, board.firstChild);
    board.insertBefore(viewport, controls.nextSibling);
    board.classList.add("vault-canvas--drawn");
    listen(view);
    view.fit();
    // Until the reader zooms or pans, the board follows the viewport's size (window resized, sidebar shown).
    if (window.ResizeObserver) {
      new ResizeObserver(function () { if (!view.moved) view.fit(); }).observe(viewport);
    }
  }

  function attach() {
    document.querySelectorAll("[data-vault-canvas]").forEach(setup);
  }

  if (window.document$) window.document$.subscribe(attach); else attach();
})();
