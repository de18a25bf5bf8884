/* The Graph page (whole vault, force-graph on a canvas) and each note's local graph (SVG).
 *
 * Data come from hooks/note_graph.py: the Graph page loads assets/vault/graph-data.js and
 * force-graph with <script> tags (file:// has no fetch); a note page carries its own
 * neighbourhood as JSON in a <template>. Nodes are [label, kind, url]; edges [source, target, kind].
 * The local graph is a small radial SVG of real links: no library, keyboard-focusable, and
 * drawn in one pass (a force layout would be slower and move under the pointer).
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var siteRoot = window.vaultScripts.siteRoot; // vault-scripts.js
  var RELATION = { // [from the source's side, from the target's side]
    link: ["links to", "linked from"],
    mention: ["mentions", "mentioned in"],
    defines: ["introduces", "introduced in"]
  };

  function colours(el) {
    var style = getComputedStyle(el);
    return {
      note: style.getPropertyValue("--vault-graph-note").trim(),
      term: style.getPropertyValue("--vault-graph-term").trim(),
      edge: style.getPropertyValue("--vault-graph-edge").trim(),
      dim: style.getPropertyValue("--vault-graph-dim").trim(),
      text: style.getPropertyValue("--md-default-fg-color").trim(),
      halo: style.getPropertyValue("--md-default-bg-color").trim()
    };
  }

  function neighbourhood(nodeCount, edges) {
    var around = [];
    for (var i = 0; i < nodeCount; i++) around.push([]);
    edges.forEach(function (edge, number) {
      around[edge[0]].push(number);
      around[edge[1]].push(number);
    });
    return around;
  }

  function relationText(edge, from, nodes) {
    var outgoing = edge[0] === from;
    return RELATION[edge[2]][outgoing ? 0 : 1] + " " + nodes[outgoing ? edge[1] : edge[0]][0];
  }

  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  /* ---- local graph of a note ---- */

  function drawLocal(section) {
    var started = performance.now();
    var holder = section.querySelector(".vault-local-graph__data"); // a <template>: inert, kept by instant navigation
    if (!holder) return;
    var data = JSON.parse((holder.content || holder).textContent);
    var nodes = data.nodes, edges = data.edges;
    if (section.querySelector("svg") || nodes.length < 2) {
      if (nodes.length < 2) section.hidden = true;
      return;
    }
    var direct = {}, parent = {};
    edges.forEach(function (e) {
      if (e[0] === 0 || e[1] === 0) direct[e[0] === 0 ? e[1] : e[0]] = true;
    });
    edges.forEach(function (e) { // second ring: notes that mention a term this note introduces
      if (!direct[e[0]] && e[0] !== 0) parent[e[0]] = e[1];
    });
    var ring = Object.keys(direct).map(Number);
    var children = {};
    Object.keys(parent).forEach(function (n) { (children[parent[n]] = children[parent[n]] || []).push(Number(n)); });
    var width = Math.min(section.clientWidth || 600, 720), outer = Object.keys(parent).length > 0;
    var narrow = width < 500, labelRoom = narrow ? 96 : 170, room = narrow ? 15 : 28; // label px, chars
    var height = narrow ? 420 : Math.max(300, Math.min(width * 0.7, 460));
    var cx = width / 2, cy = height / 2;
    var rx = Math.max(50, cx - labelRoom), ry = cy - 24; // an ellipse: labels go left and right of it
    var f1 = outer ? 0.55 : 1;
    var slots = ring.reduce(function (sum, n) { return sum + Math.max(1, (children[n] || []).length); }, 0);
    var at = [[cx, cy]], slot = 0;
    ring.forEach(function (n) {
      var share = Math.max(1, (children[n] || []).length);
      var angle = ((slot + share / 2) / slots) * 2 * Math.PI - Math.PI / 2;
      at[n] = [cx + f1 * rx * Math.cos(angle), cy + f1 * ry * Math.sin(angle)];
      (children[n] || []).forEach(function (child, k) {
        var a = ((slot + k + 0.5) / slots) * 2 * Math.PI - Math.PI / 2;
        at[child] = [cx + rx * Math.cos(a), cy + ry * Math.sin(a)];
      });
      slot += share;
    });
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("class", "vault-local-graph__svg");
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", "This note and the " + (nodes.length - 1) + " notes and terms it is joined to");
    var lines = edges.map(function (e) {
      var line = document.createElementNS(SVG, "line");
      line.setAttribute("x1", at[e[0]][0]); line.setAttribute("y1", at[e[0]][1]);
      line.setAttribute("x2", at[e[1]][0]); line.setAttribute("y2", at[e[1]][1]);
      line.setAttribute("class", "vault-graph-edge vault-graph-edge--" + e[2]);
      svg.appendChild(line);
      return line;
    });
    var around = neighbourhood(nodes.length, edges);
    var labelAll = nodes.length <= 40; // candidates: labels that would collide are hidden after layout
    nodes.forEach(function (node, n) {
      var link = document.createElementNS(SVG, "a");
      link.setAttribute("href", node[2]);
      link.dataset.label = node[0];
      link.setAttribute("class", "vault-graph-node vault-graph-node--" + node[1] + (n === 0 ? " is-centre" : "") +
        (labelAll || n === 0 ? " is-labelled" : ""));
      var title = document.createElementNS(SVG, "title");
      title.textContent = n === 0 ? node[0] : around[n].map(function (e) { return relationText(edges[e], n, nodes); })
        .join("; ").replace(/^/, node[0] + ": ");
      var circle = document.createElementNS(SVG, "circle");
      circle.setAttribute("cx", at[n][0]); circle.setAttribute("cy", at[n][1]);
      circle.setAttribute("r", n === 0 ? 9 : 6);
      var text = document.createElementNS(SVG, "text");
      var dx = (at[n][0] - cx) / rx, dy = (at[n][1] - cy) / ry, length = Math.hypot(dx, dy) || 1;
      var side = n === 0 ? 0 : dx / length; // labels point away from the centre, so neighbours' labels part
      var x = at[n][0] + (side > 0.35 ? 9 : side < -0.35 ? -9 : 0);
      text.setAttribute("text-anchor", side > 0.35 ? "start" : side < -0.35 ? "end" : "middle");
      var rows = wrapLabel(text, node[0], n === 0 ? 2 * room : room, x); // the whole name, never cut
      var above = n === 0 || (Math.abs(side) <= 0.35 && dy <= 0);
      var y = at[n][1] + (n === 0 ? -13 : Math.abs(side) > 0.35 ? 4 - (rows - 1) * 6 : dy > 0 ? 17 : -10);
      text.setAttribute("y", above ? y - (rows - 1) * 12.5 : y);
      link.append(title, circle, text);
      function light(on) {
        around[n].forEach(function (e) { lines[e].classList.toggle("is-active", on); });
        link.classList.toggle("is-active", on);
      }
      link.addEventListener("mouseenter", function () { light(true); });
      link.addEventListener("mouseleave", function () { light(false); });
      link.addEventListener("focus", function () { light(true); });
      link.addEventListener("blur", function () { light(false); });
      svg.appendChild(link);
    });
    section.appendChild(svg);
    hideCollidingLabels(svg);
    fitViewBox(svg);
    if (data.more) {
      var more = document.createElement("p");
      more.className = "vault-local-graph__more";
      more.textContent = "and more: the links in the text and \u201cReferenced from\u201d above have them all";
      section.appendChild(more);
    }
    section.dataset.drawnAt = String(performance.now()); // read by bench/browser_figures.py
    section.dataset.drawMs = String(performance.now() - started);
  }

  /* Words into lines of at most ``room`` characters (a longer word keeps a line of its own), as tspans. */
  function wrapLabel(text, label, room, x) {
    var lines = [], line = "";
    label.split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > room) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    });
    if (line) lines.push(line);
    lines.forEach(function (content, i) {
      var span = document.createElementNS(SVG, "tspan");
      span.setAttribute("x", x);
      if (i) span.setAttribute("dy", "1.15em");
      span.textContent = content;
      text.appendChild(span);
    });
    return lines.length;
  }

  function overlaps(a, b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }

  /* Keep a label only where it touches no kept label and no other dot (centre first, then in order);
     a hidden label still shows on hover and focus. */
  function hideCollidingLabels(svg) {
    var links = Array.prototype.slice.call(svg.querySelectorAll(".vault-graph-node"));
    var dots = links.map(function (link) { return link.querySelector("circle").getBBox(); });
    var kept = [];
    links.forEach(function (link, n) {
      if (!link.classList.contains("is-labelled")) return;
      var box = link.querySelector("text").getBBox();
      var blocked = n > 0 && (kept.some(function (other) { return overlaps(box, other); }) ||
        dots.some(function (dot, d) { return d !== n && overlaps(box, dot); }));
      if (blocked) link.classList.remove("is-labelled"); else kept.push(box);
    });
  }

  /* The drawing's own extent, labels included: no empty band around it, nothing cut at an edge. */
  function fitViewBox(svg) {
    var box = svg.getBBox(), pad = 6;
    svg.setAttribute("viewBox", [box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad].join(" "));
    svg.setAttribute("width", String(Math.ceil(box.width + 2 * pad)));
  }

  /* ---- the Graph page ---- */

  /* The label boxes drawn in one frame, in a grid of cells, so a check costs the same in any vault. */
  function labelGrid() {
    var cells = {}, size = 1;
    function keys(box) {
      var out = [];
      for (var i = Math.floor(box.x / size); i <= Math.floor((box.x + box.width) / size); i++)
        for (var j = Math.floor(box.y / size); j <= Math.floor((box.y + box.height) / size); j++) out.push(i + "," + j);
      return out;
    }
    return {
      reset: function (cell) { cells = {}; size = cell; },
      free: function (box) {
        return keys(box).every(function (key) {
          return !(cells[key] || []).some(function (other) { return overlaps(box, other); });
        });
      },
      add: function (box) { keys(box).forEach(function (key) { (cells[key] = cells[key] || []).push(box); }); }
    };
  }

  function drawVault(root) {
    if (root.dataset.started) return;
    root.dataset.started = "1";
    Promise.all([window.vaultScripts.load("assets/vault/graph-data.js"),
                 window.vaultScripts.load("assets/vendor/force-graph.min.js")])
      .then(function () { buildVault(root, window.vaultGraphData); })
      .catch(function (error) { root.querySelector(".vault-graph__canvas").textContent = String(error); });
  }

  function buildVault(root, data) {
    var canvas = root.querySelector(".vault-graph__canvas");
    var filter = root.querySelector(".vault-graph__filter");
    var list = root.querySelector(".vault-graph__list");
    var around = neighbourhood(data.nodes.length, data.edges);
    var nodes = data.nodes.map(function (n, i) {
      return { id: i, label: n[0], kind: n[1], url: n[2], degree: around[i].length };
    });
    var links = data.edges.map(function (e) { return { source: e[0], target: e[1], kind: e[2] }; });
    var palette = colours(root), lit = null, matched = null, labels = labelGrid();
    var big = nodes.length > 400;

    function isLit(id) { return lit === null || lit.has(id); }

    /* Labels after every dot, so no dot covers one: the whole name under its dot (force-graph's radius
       is 4 * sqrt(nodeVal)), kept inside the canvas, on a halo of the page's colour, and only where it
       overlaps no label drawn before it in this frame: the hovered node, then notes, then terms. */
    function drawLabels(ctx, scale) {
      var topLeft = view.screen2GraphCoords(0, 0), bottomRight = view.screen2GraphCoords(canvas.clientWidth, canvas.clientHeight);
      labels.reset(80 / scale);
      ctx.save();
      ctx.font = 11 / scale + "px sans-serif";
      ctx.textAlign = "left";
      ctx.textBaseline = "top";
      ctx.lineJoin = "round";
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = palette.halo;
      ctx.fillStyle = palette.text;
      var order = lit !== null ? [nodes[lit.centre]].concat(nodes) : nodes;
      order.forEach(function (n, position) {
        if (n.x === undefined || (position > 0 || lit === null) && !labelWanted(n, scale)) return;
        var width = ctx.measureText(n.label).width, height = 13 / scale;
        var box = { x: n.x - width / 2, y: n.y + 4 * Math.sqrt(1 + Math.sqrt(n.degree)) + 1.5 / scale,
                    width: width, height: height };
        box.x = Math.max(topLeft.x + 2 / scale, Math.min(box.x, bottomRight.x - width - 2 / scale));
        if (box.y + height < topLeft.y || box.y > bottomRight.y || !labels.free(box)) return;
        labels.add(box);
        ctx.strokeText(n.label, box.x, box.y);
        ctx.fillText(n.label, box.x, box.y);
      });
      ctx.restore();
    }

    function labelWanted(n, scale) { // notes at any zoom, terms once zoomed in; a big vault waits longer
      var wanted = n.kind === "note" && !big || scale > (big ? 4 : 1.8) || (lit !== null && lit.has(n.id)) ||
        (matched !== null && matched.has(n.id));
      return wanted && isLit(n.id) && isMatched(n.id);
    }
    function isMatched(id) { return matched === null || matched.has(id); }

    var view = ForceGraph()(canvas)
      .width(canvas.clientWidth)
      .height(canvas.clientHeight)
      .graphData({ nodes: nodes, links: links })
      .nodeLabel(function (n) {
        var box = document.createElement("span");
        box.textContent = n.label + (n.kind === "term" ? " (service or term)" : " (note)");
        return box.innerHTML;
      })
      .nodeVal(function (n) { return 1 + Math.sqrt(n.degree); })
      .nodeColor(function (n) {
        return isLit(n.id) && isMatched(n.id) ? palette[n.kind] : palette.dim;
      })
      .linkColor(function (l) {
        var on = lit !== null && lit.has(l.source.id) && lit.has(l.target.id) && (l.source.id === lit.centre || l.target.id === lit.centre);
        return on ? palette.text : lit === null && matched === null ? palette.edge : palette.dim;
      })
      .linkWidth(function (l) { return lit !== null && (l.source.id === lit.centre || l.target.id === lit.centre) ? 2 : 1; })
      .linkDirectionalArrowLength(big ? 0 : 3)
      .linkDirectionalArrowRelPos(1)
      .onNodeHover(function (n) {
        canvas.style.cursor = n ? "pointer" : "";
        if (n) {
          lit = new Set([n.id]);
          lit.centre = n.id;
          around[n.id].forEach(function (e) { lit.add(data.edges[e][0]); lit.add(data.edges[e][1]); });
        } else {
          lit = null;
        }
        root.dataset.hovered = n ? n.label : ""; // what the pointer is on, and how many nodes are lit (tests)
        root.dataset.lit = lit ? String(lit.size) : "";
      })
      .onNodeClick(function (n) { location.href = new URL(n.url, siteRoot).href; })
      .onRenderFramePost(function (ctx, scale) {
        drawLabels(ctx, scale);
        if (!root.dataset.drawnAt) root.dataset.drawnAt = String(performance.now());
      })
      // Settled before the first frame: the layout runs off screen, the canvas is shown once fitted.
      .warmupTicks(big ? 100 : 300)
      .cooldownTicks(0);
    canvas.style.visibility = "hidden";
    view.d3Force("charge").strength(-20); // a compact layout: it fills a phone's width when fitted
    view.d3Force("link").distance(22);
    if (big) view.d3Force("charge").distanceMax(250);
    // A pull towards the centre, so parts of the vault not linked to the rest stay near it and the
    // fitted graph fills the canvas. force-graph's bundle does not expose d3's forceX/forceY, and a
    // d3 force is only a function of alpha: this is forceX + forceY at one strength.
    var gravity = function (alpha) {
      nodes.forEach(function (n) { n.vx -= n.x * 0.06 * alpha; n.vy -= n.y * 0.06 * alpha; });
    };
    view.d3Force("gravity", gravity);
    window.vaultGraphView = view;

    function renderList() {
      var query = filter.value.trim().toLowerCase();
      matched = query ? new Set(nodes.filter(function (n) { return n.label.toLowerCase().includes(query); })
        .map(function (n) { return n.id; })) : null;
      var shown = nodes.filter(function (n) { return isMatched(n.id); });
      var eager = data.edges.length <= 3000;
      var ul = document.createElement("ul");
      shown.slice(0, 500).forEach(function (n) {
        var li = document.createElement("li");
        li.className = "vault-graph__item vault-graph__item--" + n.kind;
        li.dataset.node = n.id;
        var a = document.createElement("a");
        a.href = new URL(n.url, siteRoot).href;
        a.textContent = n.label;
        var details = document.createElement("details");
        var summary = document.createElement("summary");
        summary.textContent = (n.kind === "term" ? "service or term, " : "note, ") + plural(n.degree, "connection");
        details.append(summary);
        function fillDetails() {
          if (details.querySelector("ul")) return;
          var inner = document.createElement("ul");
          around[n.id].forEach(function (e) {
            var edge = data.edges[e], other = edge[0] === n.id ? edge[1] : edge[0];
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = new URL(data.nodes[other][2], siteRoot).href;
            link.textContent = data.nodes[other][0];
            item.dataset.edge = e;
            item.append(RELATION[edge[2]][edge[0] === n.id ? 0 : 1] + " ", link);
            inner.append(item);
          });
          details.append(inner);
        }
        if (eager) fillDetails(); else details.addEventListener("toggle", fillDetails, { once: true });
        li.append(a, " ", details);
        ul.append(li);
      });
      list.textContent = "";
      var count = document.createElement("p");
      count.className = "vault-graph__count";
      count.textContent = shown.length + " of " + nodes.length + " nodes" + (shown.length > 500 ? " (first 500 listed; type to narrow)" : "");
      list.append(count, ul);
      view.nodeColor(view.nodeColor()); // redraw with the new filter
      if (matched && matched.size) fitTo(function (n) { return matched.has(n.id); });
      else if (!matched && root.dataset.fitted) view.zoomToFit(400, fitPadding()); // back to the whole vault
    }

    function fitTo(keep) { // zoom onto the matches, but one match is not blown up to fill the canvas
      var box = view.getGraphBbox(keep);
      if (!box) return;
      var w = Math.max(box.x[1] - box.x[0], 1), h = Math.max(box.y[1] - box.y[0], 1);
      var k = Math.min((canvas.clientWidth - 80) / w, (canvas.clientHeight - 80) / h, Math.max(wholeZoom * 3, 2.5));
      view.centerAt((box.x[0] + box.x[1]) / 2, (box.y[0] + box.y[1]) / 2, 400);
      view.zoom(k, 400);
    }
    var wholeZoom = 1;
    function fitPadding() { return 30; } // labels are kept inside the canvas by drawLabels
    view.onEngineStop(function () {
      if (!root.dataset.fitted) {
        view.zoomToFit(0, fitPadding());
        wholeZoom = view.zoom();
        root.dataset.fitted = "1";
        canvas.style.visibility = "";
      }
    });
    var typing = 0;
    filter.addEventListener("input", function () { clearTimeout(typing); typing = setTimeout(renderList, 120); });
    renderList();
    new ResizeObserver(function () { view.width(canvas.clientWidth).height(canvas.clientHeight); }).observe(canvas);
    new MutationObserver(function () { palette = colours(root); view.nodeColor(view.nodeColor()); })
      .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  function attach() {
    document.querySelectorAll(".vault-local-graph").forEach(drawLocal);
    document.querySelectorAll("[data-vault-graph]").forEach(drawVault);
  }

  if (window.document$) window.document$.subscribe(attach); else attach();
})();
