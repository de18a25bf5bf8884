/* The Study page: review the cards with FSRS, and a multiple-choice self-quiz.
 *
 * The cards and questions are page content (hooks/vaultlib/study/page.py): this script
 * clones their rendered elements into the review and sets only its own words as text,
 * never HTML from strings. Scheduling is ts-fsrs' FSRS (assets/vendor/ts-fsrs.umd.js,
 * from node_modules, loaded with a <script> tag so file:// works); each card's FSRS
 * state is kept in localStorage under its id, so progress survives a reload and a rebuild.
 * Keys: Space or Enter shows the answer; 1 again, 2 hard, 3 good, 4 easy.
 */
(function () {
  "use strict";
  var STORE = "vault-study/v1";
  var QUIZ_LENGTH = 10;
  var GRADES = [["again", "Again"], ["hard", "Hard"], ["good", "Good"], ["easy", "Easy"]];
  var config = JSON.parse(document.getElementById("__config").textContent);
  var siteRoot = new URL(config.base.endsWith("/") ? config.base : config.base + "/", location.href);
  var loading = null;
  var active = null; // the review of the page on screen, for the keyboard

  function loadFsrs() {
    if (window.FSRS) return Promise.resolve(window.FSRS);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("assets/vendor/ts-fsrs.umd.js", siteRoot).href;
        script.onload = function () { resolve(window.FSRS); };
        script.onerror = function () { reject(new Error("cannot load the scheduler (ts-fsrs)")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function button(text, onClick) {
    var el = element("button", "vault-study__button", text);
    el.type = "button";
    el.addEventListener("click", onClick);
    return el;
  }

  /* A rendered side, cloned, with glossary tooltips removed: they would give the answer away. */
  function cloneSide(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll("abbr[title]").forEach(function (abbr) { abbr.removeAttribute("title"); });
    return copy;
  }

  /* ---- progress ---- */
  function readProgress() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE) || "{}");
      return saved && typeof saved === "object" && !Array.isArray(saved) ? saved : {};
    } catch (error) {
      return {};
    }
  }

  function writeProgress(progress) {
    try {
      localStorage.setItem(STORE, JSON.stringify(progress));
      return true;
    } catch (error) {
      return false; // storage off or full: the review goes on, unsaved
    }
  }

  function revive(saved) { // FSRS cards hold Dates; JSON keeps them as strings
    var card = Object.assign({}, saved);
    card.due = new Date(saved.due);
    if (saved.last_review) card.last_review = new Date(saved.last_review);
    return card;
  }

  function validSaved(saved) { // a card kept by this script, not something else under the same key
    return Boolean(saved) && typeof saved === "object" && !isNaN(new Date(saved.due).getTime());
  }

  function isDue(progress, id, now) {
    var saved = progress[id];
    return !validSaved(saved) || new Date(saved.due) <= now;
  }

  /* ---- review ---- */
  function Review(root, FSRS) {
    this.root = root;
    this.FSRS = FSRS;
    this.scheduler = FSRS.fsrs(FSRS.generatorParameters({ enable_fuzz: false }));
    this.progress = readProgress();
    this.cards = Array.prototype.map.call(root.querySelectorAll(".vault-study__card"), function (el) {
      return {
        id: el.getAttribute("data-vault-card"),
        el: el,
        deck: el.querySelector(".vault-study__deck").textContent,
        note: el.querySelector(".vault-study__note").textContent
      };
    });
    this.filter = { label: "All cards", test: function () { return true; } };
    this.revealed = false;
    this.build();
    this.next();
  }

  Review.prototype.build = function () {
    var self = this;
    var app = element("div", "vault-study__app");
    this.decks = element("div", "vault-study__decks");
    this.panel = element("div", "vault-study__review");
    this.panel.setAttribute("aria-live", "polite");
    this.status = element("p", "vault-study__status");
    this.side = element("div", "vault-study__side");
    this.actions = element("div", "vault-study__actions");
    this.panel.append(this.status, this.side, this.actions);
    app.append(this.panel, this.decks);
    this.root.prepend(app);
    this.root.classList.add("vault-study--ready");
    this.root.addEventListener("click", function (event) {
      var choice = event.target.closest("[data-deck-choice]");
      if (choice) self.choose(Number(choice.getAttribute("data-deck-choice")));
    });
  };

  Review.prototype.groups = function () {
    var byDeck = {}, byNote = {}, order = [];
    this.cards.forEach(function (card) {
      if (!(card.deck in byDeck)) { byDeck[card.deck] = true; order.push(["deck", card.deck]); }
    });
    this.cards.forEach(function (card) {
      if (!(card.note in byNote)) { byNote[card.note] = true; order.push(["note", card.note]); }
    });
    return [["all", ""]].concat(order);
  };

  Review.prototype.drawDecks = function () {
    var self = this, now = new Date();
    this.choices = this.groups();
    this.decks.replaceChildren();
    var lists = { deck: element("ul", "vault-study__deck-list"), note: element("ul", "vault-study__deck-list") };
    var all = element("ul", "vault-study__deck-list");
    this.choices.forEach(function (choice, number) {
      var members = self.cards.filter(function (card) { return self.matches(choice, card); });
      var due = members.filter(function (card) { return isDue(self.progress, card.id, now); }).length;
      var item = element("li");
      var pick = element("button", "vault-study__pick");
      pick.type = "button";
      pick.setAttribute("data-deck-choice", String(number));
      pick.setAttribute("aria-pressed", String(self.filter.number === number || (number === 0 && !self.filter.number)));
      pick.append(element("span", "vault-study__deck-name", choice[0] === "all" ? "All cards" : choice[1]),
                  element("span", "vault-study__due", due + " due"));
      item.append(pick);
      (choice[0] === "all" ? all : lists[choice[0]]).append(item);
    });
    this.decks.append(element("h2", "vault-study__heading", "Decks"), all, lists.deck,
                      element("h2", "vault-study__heading", "By note"), lists.note);
  };

  Review.prototype.matches = function (choice, card) {
    return choice[0] === "all" || (choice[0] === "deck" ? card.deck === choice[1] : card.note === choice[1]);
  };

  Review.prototype.choose = function (number) {
    var choice = this.choices[number];
    var self = this;
    this.filter = { number: number, label: choice[0] === "all" ? "All cards" : choice[1],
                    test: function (card) { return self.matches(choice, card); } };
    this.next();
    this.panel.querySelector("button") && this.panel.querySelector("button").focus();
  };

  Review.prototype.next = function () {
    var self = this, now = new Date();
    var members = this.cards.filter(this.filter.test);
    var due = members.filter(function (card) { return isDue(self.progress, card.id, now); });
    // Cards seen before and due come first (most overdue first), then new ones in page order.
    due.sort(function (a, b) {
      var da = validSaved(self.progress[a.id]) ? new Date(self.progress[a.id].due).getTime() : Infinity;
      var db = validSaved(self.progress[b.id]) ? new Date(self.progress[b.id].due).getTime() : Infinity;
      return da - db;
    });
    this.current = due[0] || null;
    this.revealed = false;
    this.drawDecks();
    this.side.replaceChildren();
    this.actions.replaceChildren();
    this.side.setAttribute("data-vault-card", this.current ? this.current.id : "");
    if (!this.current) {
      var later = members.map(function (card) { return self.progress[card.id]; }).filter(validSaved)
        .map(function (saved) { return new Date(saved.due); }).sort(function (a, b) { return a - b; })[0];
      this.status.textContent = this.filter.label + ": nothing due." +
        (later ? " Next card due " + later.toLocaleString() + "." : "");
      return;
    }
    this.status.textContent = this.filter.label + ": " + due.length + " due. Space shows the answer.";
    var card = this.current.el;
    this.side.append(cloneSide(card.querySelector(".vault-study__meta")),
                     cloneSide(card.querySelector(".vault-study__front")));
    this.actions.append(button("Show answer", this.reveal.bind(this)));
  };

  Review.prototype.reveal = function () {
    if (!this.current || this.revealed) return;
    var self = this, card = this.current.el;
    this.revealed = true;
    this.side.append(cloneSide(card.querySelector(".vault-study__back")),
                     cloneSide(card.querySelector(".vault-study__source")));
    this.actions.replaceChildren();
    var outcomes = this.scheduler.repeat(this.stateOf(this.current.id), new Date());
    GRADES.forEach(function (grade, index) {
      var rating = index + 1;
      var due = outcomes[rating].card.due;
      var pick = button((index + 1) + " " + grade[1] + " · " + interval(due - new Date()), function () {
        self.grade(rating);
      });
      pick.setAttribute("data-grade", grade[0]);
      self.actions.append(pick);
    });
    this.actions.querySelector('[data-grade="good"]').focus();
  };

  Review.prototype.stateOf = function (id) {
    var saved = this.progress[id];
    return validSaved(saved) ? revive(saved) : this.FSRS.createEmptyCard(new Date());
  };

  Review.prototype.grade = function (rating) {
    if (!this.current || !this.revealed) return;
    var result = this.scheduler.next(this.stateOf(this.current.id), new Date(), rating);
    this.progress = readProgress(); // another tab may have graded other cards
    this.progress[this.current.id] = result.card;
    var saved = writeProgress(this.progress);
    this.next();
    if (!saved) this.status.textContent += " (This browser does not keep progress: storage is off.)";
  };

  function interval(ms) {
    var minutes = Math.max(1, Math.round(ms / 60000));
    if (minutes < 60) return minutes + " min";
    var hours = Math.round(minutes / 60);
    if (hours < 24) return hours + " h";
    var days = Math.round(hours / 24);
    return days < 31 ? days + " d" : Math.round(days / 30) + " mo";
  }

  /* ---- quiz ---- */
  function Quiz(root) {
    this.root = root;
    this.questions = Array.prototype.slice.call(root.querySelectorAll(".vault-quiz__question"));
    this.panel = element("div", "vault-quiz__panel");
    this.panel.setAttribute("aria-live", "polite");
    root.prepend(this.panel);
    root.classList.add("vault-quiz--ready");
    this.intro();
  }

  Quiz.prototype.intro = function () {
    var count = Math.min(QUIZ_LENGTH, this.questions.length);
    this.panel.replaceChildren(element("p", "vault-study__status", count + " questions, picked at random."),
                               button("Start the quiz", this.start.bind(this)));
  };

  Quiz.prototype.start = function () {
    var pool = this.questions.slice();
    for (var i = pool.length - 1; i > 0; i--) { // Fisher-Yates
      var j = Math.floor(Math.random() * (i + 1));
      var swap = pool[i]; pool[i] = pool[j]; pool[j] = swap;
    }
    this.round = pool.slice(0, QUIZ_LENGTH);
    this.position = 0;
    this.score = 0;
    this.ask();
  };

  Quiz.prototype.ask = function () {
    var self = this, question = this.round[this.position];
    var answer = Number(question.getAttribute("data-vault-answer"));
    var options = element("div", "vault-quiz__options");
    var feedback = element("p", "vault-quiz__feedback");
    var stem = cloneSide(question.querySelector(".vault-quiz__stem"));
    stem.id = "vault-quiz-stem";
    options.setAttribute("role", "group");
    options.setAttribute("aria-labelledby", stem.id);
    question.querySelectorAll(".vault-quiz__option").forEach(function (option, index) {
      var pick = button(option.textContent.trim(), function () {
        var right = index === answer;
        if (right) self.score += 1;
        options.querySelectorAll("button").forEach(function (other, number) {
          other.disabled = true;
          if (number === answer) other.classList.add("vault-quiz__choice--right");
        });
        if (!right) pick.classList.add("vault-quiz__choice--wrong");
        feedback.textContent = right ? "✓ Right." : "✗ Not quite: the answer is " +
          options.children[answer].textContent + ".";
        var last = self.position + 1 >= self.round.length;
        var go = button(last ? "See the score" : "Next question", function () {
          self.position += 1;
          if (last) self.finish(); else self.ask();
        });
        feedback.after(go);
        go.focus();
      });
      pick.classList.add("vault-quiz__choice");
      options.append(pick);
    });
    this.panel.replaceChildren(
      element("p", "vault-study__status", "Question " + (this.position + 1) + " of " + this.round.length),
      stem, options, feedback, cloneSide(question.querySelector(".vault-quiz__source")));
    options.querySelector("button").focus();
  };

  Quiz.prototype.finish = function () {
    var score = element("p", "vault-quiz__score", "Score: " + this.score + " / " + this.round.length);
    this.panel.replaceChildren(score, button("Another quiz", this.start.bind(this)));
    this.panel.querySelector("button").focus();
  };

  /* ---- keyboard ---- */
  document.addEventListener("keydown", function (event) {
    if (!active || !document.body.contains(active.root) || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable], .vault-quiz")) return;
    if ((event.key === " " || event.key === "Enter") && !active.revealed && active.current) {
      if (target.closest && target.closest("a, button") && !active.panel.contains(target)) return; // its own action
      event.preventDefault();
      active.reveal();
    } else if (/^[1-4]$/.test(event.key) && active.revealed) {
      event.preventDefault();
      active.grade(Number(event.key));
    }
  });

  function start() {
    var root = document.querySelector("[data-vault-study]");
    var quiz = document.querySelector("[data-vault-quiz]");
    active = null;
    if (quiz && !quiz.classList.contains("vault-quiz--ready")) new Quiz(quiz);
    if (!root || root.classList.contains("vault-study--ready")) return;
    loadFsrs().then(function (FSRS) {
      active = new Review(root, FSRS);
    }).catch(function (error) {
      root.prepend(element("p", "vault-study__status", "The review cannot start: " + error.message));
    });
  }

  if (window.document$) window.document$.subscribe(start); else start();
})();
