// "What is normal on your day?": includes/day-guide.md says what it reads.
// The date is kept on this device only when the reader asks.
document$.subscribe(function () {
  var form = document.querySelector("[data-day-guide]")
  if (!form) return document.documentElement.classList.remove("day-guide-remembered")
  var guide = form.parentElement
  var STORE = "day-guide:treatment-date"
  var dateInput = form.querySelector("[data-day-date]")
  var agoInput = form.querySelector("[data-day-ago]")
  var remember = guide.querySelector("[data-day-remember]")
  var status = guide.querySelector("[data-day-status]")
  // null on the handout (data-dates-only): it fills in dates alone.
  var result = guide.querySelector("[data-day-result]")
  var shown = null  // the treatment date the page shows now
  var stages = Array.prototype.slice.call(guide.querySelectorAll(".timeline li[data-days]"))
  // Every date on the page: the guide's and any write-in (day 3, day 7).
  var dates = Array.prototype.slice.call(document.querySelectorAll(".your-dates__date"))
  dates.forEach(function (span) { span.blankLine = span.innerHTML })

  // "4-7": days 4 to 7; "7-": day 7 on; "0": day 0 only; none: every day.
  function range(element) {
    var match = /^(\d+)(?:-(\d*))?$/.exec(element.getAttribute("data-days") || "0-")
    if (!match) return { from: 0, to: -1 }
    var to = match[2] === undefined ? +match[1] : match[2] === "" ? Infinity : +match[2]
    return { from: +match[1], to: to }
  }
  function covers(element, day) {
    var days = range(element)
    return days.from <= day && day <= days.to
  }

  // Calendar days in the reader's time zone: Date.UTC of the local date,
  // so a change to or from summer time is still one day.
  function calendarDay(date) {
    return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86400000
  }
  function today() {
    var now = new Date()
    return new Date(now.getFullYear(), now.getMonth(), now.getDate())
  }
  function parseDate(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
    if (!match) return null
    var date = new Date(+match[1], +match[2] - 1, +match[3])
    return isoDate(date) === value ? date : null  // no rolled-over month or day
  }
  function isoDate(date) {
    function two(number) { return (number < 10 ? "0" : "") + number }
    return date.getFullYear() + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate())
  }
  function addDays(date, days) {
    return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days)
  }
  function longDate(date) {
    return date.toLocaleDateString(document.documentElement.lang || undefined,
      { weekday: "long", day: "numeric", month: "long", year: "numeric" })
  }

  // Copies of the page's own lines, without ids so none is doubled.
  function copy(element) {
    var clone = element.cloneNode(true)
    clone.removeAttribute("id")
    clone.removeAttribute("data-days")
    clone.removeAttribute("data-after-day")
    Array.prototype.forEach.call(clone.querySelectorAll("[id]"), function (node) { node.removeAttribute("id") })
    return clone
  }
  function fill(list, lines) {
    list.replaceChildren.apply(list, lines.map(copy))
    return lines.length
  }
  function linesFor(selector, keep) {
    return Array.prototype.slice.call(document.querySelectorAll(selector)).filter(keep)
  }

  function clear(message) {
    stages.forEach(function (stage) { stage.removeAttribute("aria-current") })
    dates.forEach(function (span) { span.innerHTML = span.blankLine })
    if (result) result.hidden = true
    status.textContent = message || ""
    shown = null
  }
  function fillDates(date) {
    dates.forEach(function (span) {
      var after = span.dataset.afterHours ? Math.floor(span.dataset.afterHours / 24)
        : span.dataset.afterDays ? +span.dataset.afterDays : 7 * span.dataset.afterWeeks
      span.textContent = longDate(addDays(date, after))
    })
  }

  // The day's stage, lines and dates; false, with a plain message, for a
  // day the guide does not cover.
  function show(date) {
    var day = calendarDay(today()) - calendarDay(date)
    var stage = stages.filter(function (each) { return covers(each, day) })[0]
    if (!result && day >= 0) {
      status.textContent = form.dataset.sayDay.replace("{day}", day)
      return filled(date, day)
    }
    if (!stage) {
      clear(day < 0 ? form.dataset.sayFuture : form.dataset.sayLate)
      return false
    }
    stages.forEach(function (each) { each.removeAttribute("aria-current") })
    stage.setAttribute("aria-current", "step")
    var label = stage.querySelector("strong").textContent.replace(/:\s*$/, "")
    status.textContent = form.dataset.sayDay.replace("{day}", day).replace("{stage}", label)
    var now = copy(stage)
    var heading = now.querySelector("strong")
    heading.parentNode.removeChild(heading)
    result.querySelector("[data-day-now]").replaceChildren.apply(
      result.querySelector("[data-day-now]"), Array.prototype.slice.call(now.childNodes))
    var settled = linesFor("[data-after-day]", function (line) { return day > +line.dataset.afterDay })
    result.querySelector("[data-day-settled-block]").hidden = !fill(result.querySelector("[data-day-settled]"), settled)
    ;["emergency", "urgent", "non-urgent"].forEach(function (level) {
      fill(result.querySelector('[data-day-signs="' + level + '"]'),
        linesFor(".care-card--" + level.replace("-", "") + " li", function (line) { return covers(line, day) }))
    })
    result.hidden = false
    return filled(date, day)
  }
  function filled(date, day) {
    fillDates(date)
    agoInput.value = day
    dateInput.value = isoDate(date)
    shown = date
    return true
  }

  function keep(date) {
    try {
      if (remember.checked && date) localStorage.setItem(STORE, isoDate(date))
      else localStorage.removeItem(STORE)
    } catch (error) { /* storage turned off: nothing is kept */ }
  }

  // Kept if asked, unless the guide cannot show it (no stale date stays);
  // on a phone the form can fill the screen, so the answer scrolls up.
  function chosen(date) {
    var ok = show(date)
    if (remember.checked) keep(ok ? date : null)
    if (status.getBoundingClientRect().top > window.innerHeight / 2) status.scrollIntoView()
  }

  // A half-typed date changes no value, so it fires no "change": leaving
  // the box (blur) says so too.
  function dateChosen() {
    var date = parseDate(dateInput.value)
    if (date) chosen(date)
    else clear(dateInput.value || dateInput.validity.badInput ? form.dataset.sayNotADate : "")
  }
  function daysChosen() {
    var days = agoInput.value.trim()
    if (!/^-?\d+$/.test(days)) clear(days || agoInput.validity.badInput ? form.dataset.sayNotADate : "")
    else if (+days < 0) clear(form.dataset.sayFuture)
    else chosen(addDays(today(), -days))
  }
  dateInput.addEventListener("change", dateChosen)
  agoInput.addEventListener("change", daysChosen)
  ;[dateInput, agoInput].forEach(function (input) {
    input.addEventListener("blur", function () { if (input.validity.badInput) clear(form.dataset.sayNotADate) })
  })
  Array.prototype.forEach.call(form.querySelectorAll("[data-days-ago]"), function (button) {
    button.addEventListener("click", function () { chosen(addDays(today(), -button.dataset.daysAgo)) })
  })
  remember.addEventListener("change", function () {
    keep(remember.checked ? shown : null)
  })
  guide.querySelector("[data-day-forget]").addEventListener("click", function () {
    remember.checked = false
    keep(null)
    dateInput.value = agoInput.value = ""
    clear(form.dataset.sayForgotten)
  })
  form.addEventListener("submit", function (event) { event.preventDefault() })

  var stored = null
  try { stored = parseDate(localStorage.getItem(STORE) || "") } catch (error) { /* storage turned off */ }
  if (stored) {
    remember.checked = true
    show(stored)
  }
  document.documentElement.classList.remove("day-guide-remembered")
})
