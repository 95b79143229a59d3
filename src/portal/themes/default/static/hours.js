// Opening hours (_hours.html): progressive enhancement over the week table every reader gets anyway.
// Says above the table whether the service is open now, in the service's own time zone (a reader abroad
// sees the office's local state), with a symbol and a colour besides the words; marks today's row; lists
// the public holidays of the next two weeks that close it. Hours, exceptions, holidays and the words in the
// reader's language come from the page (#hours-data, made by portal: hours.clock_data).
(function () {
  "use strict";
  var source = document.getElementById("hours-data");
  var line = document.getElementById("hours-now");
  if (!source || !line || !window.Intl || !Intl.DateTimeFormat.prototype.formatToParts) return;
  var data = JSON.parse(source.textContent);
  var schedule = data.schedule;
  var words = data.words;
  var DAY = 1440; // minutes
  var DAY_MS = 864e5;
  var AHEAD = 8; // days looked at: a week, and the night of the last day
  var SOON = 60; // minutes: under an hour, "closes in 20 minutes" too
  var SVG = "http://www.w3.org/2000/svg";
  var clock;
  try {
    clock = new Intl.DateTimeFormat("en-US", {
      timeZone: data.zone, hourCycle: "h23",
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit"
    });
  } catch (e) { return; } // a browser that does not know the zone: the table says it all

  // Now, where the service is: that day's midnight (as a UTC date, so days add up without summer time) and the minute of the day.
  function localNow() {
    var parts = {};
    clock.formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
    return {
      day: Date.UTC(+parts.year, +parts.month - 1, +parts.day),
      minute: (+parts.hour % 24) * 60 + +parts.minute
    };
  }
  function isoDate(day) { return new Date(day).toISOString().slice(0, 10); }
  function weekday(day) { return (new Date(day).getUTCDay() + 6) % 7; } // 0 = Monday
  function has(map, key) { return Object.prototype.hasOwnProperty.call(map, key); }

  // The blocks that open on a day: its exception's, else none on a public holiday, else its weekday's.
  function blocks(day) {
    var date = isoDate(day);
    if (has(schedule.exceptions, date)) return schedule.exceptions[date];
    if (has(schedule.holidays, date)) return [];
    return schedule.week[weekday(day)];
  }

  // Open stretches from yesterday (its night may reach into today) to a week ahead, in minutes from today's
  // midnight; a stretch that begins as another ends (a night, then the next day) is one.
  function stretches(today) {
    var list = [];
    for (var k = -1; k <= AHEAD; k++) {
      blocks(today + k * DAY_MS).forEach(function (b) {
        list.push({ from: k * DAY + b[0], to: k * DAY + b[1], fromText: b[2], toText: b[3] });
      });
    }
    list.sort(function (a, b) { return a.from - b.from; });
    var joined = [];
    list.forEach(function (s) {
      var last = joined[joined.length - 1];
      if (last && s.from <= last.to) {
        if (s.to > last.to) { last.to = s.to; last.toText = s.toText; }
      } else {
        joined.push(s);
      }
    });
    return joined;
  }

  // The CLDR plural rule of the page's language, as data (portal/i18n/plurals.py: plural_rule_data).
  function operand(value, n) {
    return value === "n" ? n : typeof value === "number" ? value : operand(value[1], n) % value[2];
  }
  function holds(rule, n) {
    if (rule[0] === "or") return holds(rule[1], n) || holds(rule[2], n);
    if (rule[0] === "and") return holds(rule[1], n) && holds(rule[2], n);
    if (rule[0] === "not") return !holds(rule[1], n);
    var value = operand(rule[1], n);
    return rule[2].some(function (range) { return value >= range[0] && value <= range[1]; });
  }
  function inMinutes(which, n) { // which: 0 closes, 1 opens
    var category = Object.keys(data.plural).filter(function (name) { return holds(data.plural[name], n); })[0] || "other";
    var forms = data.minutes[category] || data.minutes.other;
    return forms[which].replace("{n}", String(n));
  }
  function fill(template, time, day) {
    return template.replace("{time}", time).replace("{day}", day || "");
  }

  // What to say now: open or not, until when or from when, and whether that is soon.
  function status(now) {
    var t = now.minute;
    var all = stretches(now.day);
    var current = all.filter(function (s) { return s.from <= t && t < s.to; })[0];
    if (current) {
      var left = current.to - t;
      if (left > 7 * DAY) return { open: true, detail: words.always };
      var last = Math.floor((current.to - 1) / DAY); // 24:00 belongs to the day it ends
      var detail = last === 0 ? fill(words.until, current.toText)
        : last === 1 ? fill(words.untilTomorrow, current.toText)
        : fill(words.closesOn, current.toText, schedule.dayNames[weekday(now.day + last * DAY_MS)]);
      return { open: true, detail: detail, soon: left < SOON ? inMinutes(0, left) : "" };
    }
    var next = all.filter(function (s) { return s.from > t; })[0];
    if (!next) return { open: false, detail: "" };
    var first = Math.floor(next.from / DAY);
    var opens = first === 0 ? fill(words.opensToday, next.fromText)
      : first === 1 ? fill(words.opensTomorrow, next.fromText)
      : fill(words.opensOn[weekday(now.day + first * DAY_MS)], next.fromText);
    return { open: false, detail: opens, soon: next.from - t < SOON ? inMinutes(1, next.from - t) : "" };
  }

  function sign(open) {
    var svg = document.createElementNS(SVG, "svg");
    var path = document.createElementNS(SVG, "path");
    var shape = { "class": "sign", "aria-hidden": "true", width: "22", height: "22", viewBox: "0 0 20 20", fill: "none",
      stroke: "currentColor", "stroke-width": "3", "stroke-linecap": "round", "stroke-linejoin": "round" };
    Object.keys(shape).forEach(function (name) { svg.setAttribute(name, shape[name]); });
    path.setAttribute("d", open ? "m3.5 10.5 4.5 4.5 8.5-9" : "m5 5 10 10m0-10-10 10");
    svg.appendChild(path);
    return svg;
  }
  function element(name, className, text) {
    var made = document.createElement(name);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  function showStatus(now) {
    var said = status(now);
    var state = element("strong", "hours-state");
    state.appendChild(sign(said.open));
    state.appendChild(document.createTextNode(" " + (said.open ? words.open : words.closed)));
    line.textContent = "";
    line.className = "hours-now " + (said.open ? "is-open" : "is-closed");
    line.appendChild(state);
    if (said.detail) line.appendChild(element("span", "hours-detail", said.detail));
    if (said.soon) line.appendChild(element("span", "hours-soon", said.soon));
    var date = isoDate(now.day);
    if (has(schedule.holidays, date) && !has(schedule.exceptions, date)) {
      var name = schedule.holidays[date][1];
      line.appendChild(element("span", "hours-detail", name ? words.holidayNamed.replace("{name}", name) : words.holiday));
    }
    line.hidden = false;
  }

  // Today's row: the exception of today's date if there is one, else (unless today is a holiday) its weekday's.
  function markToday(now) {
    var rows = document.querySelectorAll(".hours-week tr");
    var date = isoDate(now.day);
    var today = null;
    Array.prototype.forEach.call(rows, function (row) {
      row.classList.remove("today");
      row.removeAttribute("aria-current");
      var label = row.querySelector(".hours-today");
      if (label) {
        label.parentNode.removeChild(label.previousSibling);
        label.parentNode.removeChild(label);
      }
      if (row.getAttribute("data-date") === date) today = row;
    });
    if (!today && !has(schedule.holidays, date)) {
      today = Array.prototype.filter.call(rows, function (row) {
        return (" " + (row.getAttribute("data-days") || "") + " ").indexOf(" " + weekday(now.day) + " ") >= 0;
      })[0];
    }
    if (!today) return;
    today.classList.add("today");
    today.setAttribute("aria-current", "date");
    var label = element("span", "hours-today", words.today);
    today.querySelector("th").appendChild(label);
    label.parentNode.insertBefore(document.createTextNode(" "), label); // read as two words
  }

  // The public holidays of the next two weeks that fall on a day it would be open: closed then.
  function listHolidays(now) {
    var coming = document.getElementById("hours-coming");
    var list = coming && coming.querySelector("ul");
    if (!list) return;
    list.textContent = "";
    for (var k = 0; k < 14; k++) {
      var day = now.day + k * DAY_MS;
      var date = isoDate(day);
      if (!has(schedule.holidays, date) || has(schedule.exceptions, date) || !schedule.week[weekday(day)].length) continue;
      var item = element("li", "closed");
      item.appendChild(sign(false));
      var holiday = schedule.holidays[date];
      item.appendChild(document.createTextNode(" " + holiday[0] + (holiday[1] ? " – " + holiday[1] : "")));
      list.appendChild(item);
    }
    coming.hidden = !list.firstChild;
  }

  function update() {
    var now = localNow();
    showStatus(now);
    markToday(now);
    listHolidays(now);
  }
  update();
  setInterval(update, 60 * 1000); // a page left open stays right
})();
