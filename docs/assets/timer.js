/* The session timer (outils/minuteur.html), on docs/assets/plan.js.
 *
 * Times the plan in the address (#plan=..., set by the planner's « Lancer le minuteur »), or
 * the last one timed. Its state is kept in this browser's localStorage ("guide.timer") with
 * timestamps, so a reload, or a closed tab, finds the clock where it was:
 *   {hash, step, stepMs, sessionMs, since (Date.now() when running, null when paused), sound}
 * When a step's time is over the panel changes colour and says so, once, to screen readers;
 * a short beep (made in the browser, no file) only when the consultant ticks the box.
 * When the plan changes under a session already timed, the time gone and the current step are
 * kept, and the screen says so; « Recommencer » asks before it starts again from zero.
 */
(function () {
  "use strict";

  var P = window.GuidePlan;
  var root = document.querySelector("[data-timer]");
  var empty = document.querySelector("[data-timer-empty]");
  if (!P || !P.data || !root) {
    return;
  }
  var KEY = "guide.timer";
  var q = function (selector) {
    return root.querySelector(selector);
  };
  var toggle = q("[data-timer-toggle]");
  var nextButton = q("[data-timer-next-step]");
  var previousButton = q("[data-timer-previous-step]");
  var notice = q("[data-timer-notice]");
  var resetButton = q("[data-timer-reset]");
  var sound = q("[data-timer-sound]");
  var status = q("[data-timer-status]");
  var over = q("[data-timer-over]");

  function load() {
    try {
      return JSON.parse(localStorage.getItem(KEY) || "null");
    } catch (error) {
      return null;
    }
  }
  function keep() {
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch (error) {
      /* Storage refused: the timer runs, it will not survive a reload. */
    }
  }

  var stored = load();
  var carriedOver = false; /* set by carried() */
  var hash = /(?:^#|&)plan=[A-Za-z0-9_-]+/.test(location.hash) ? location.hash : stored && stored.hash;
  var plan = P.decode(hash || "");
  if (!plan) {
    if (empty) {
      empty.hidden = false;
    }
    return;
  }
  var state =
    stored && stored.hash === hash
      ? stored
      : carried(stored) || { hash: hash, step: 0, stepMs: 0, sessionMs: 0, since: null, sound: stored ? !!stored.sound : false };
  state.step = Math.max(0, Math.min(plan.steps.length - 1, Number(state.step) || 0));

  /* The plan changed under a session already timed (back to the planner, a step lengthened or
     renamed, « Lancer le minuteur » again): the time gone and the current step are kept, the
     step found again by its id in the structure, else by its position; null for a fresh start. */
  function carried(old) {
    var before = old && P.decode(old.hash || "");
    var gone = old ? Number(old.sessionMs) || 0 : 0;
    if (!before || before.structure !== plan.structure || (!gone && typeof old.since !== "number")) {
      return null;
    }
    var index = Math.max(0, Math.min(before.steps.length - 1, Number(old.step) || 0));
    var ref = before.steps[index].ref;
    var step = -1;
    for (var i = 0; ref && i < plan.steps.length; i += 1) {
      if (plan.steps[i].ref === ref) {
        step = i;
        break;
      }
    }
    if (step === -1) {
      step = Math.min(index, plan.steps.length - 1);
    }
    carriedOver = true;
    return { hash: hash, step: step, stepMs: Number(old.stepMs) || 0, sessionMs: gone, since: old.since, sound: !!old.sound };
  }
  var details = P.details(plan);
  var announced = -1; /* the step whose end was announced */

  function now() {
    return Date.now();
  }

  function running() {
    return typeof state.since === "number";
  }

  function elapsed(ms, at) {
    return ms + (running() ? Math.max(0, (at || now()) - state.since) : 0);
  }

  /* Seconds as "12:05", or "-1:30" past the time. */
  function clock(seconds) {
    var sign = seconds < 0 ? "−" : "";
    /* Counting down, a second shows until it is fully gone: 59.2 s left reads 1:00. */
    var s = seconds < 0 ? Math.floor(-seconds) : Math.ceil(seconds);
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var rest = s % 60;
    var mm = h ? (m < 10 ? "0" : "") + m : String(m);
    return sign + (h ? h + ":" : "") + mm + ":" + (rest < 10 ? "0" : "") + rest;
  }

  /* Spoken form for the timers' labels: « 12 minutes 5 secondes ». */
  function spoken(seconds) {
    var s = Math.abs(Math.round(seconds));
    var m = Math.floor(s / 60);
    var rest = s % 60;
    var text = (m ? m + " min " : "") + rest + " s";
    return seconds < 0 ? "dépassé de " + text : text;
  }

  function flush() {
    if (running()) {
      var t = now();
      var delta = Math.max(0, t - state.since);
      state.stepMs += delta;
      state.sessionMs += delta;
      state.since = t;
    }
  }

  function beep() {
    try {
      var Context = window.AudioContext || window.webkitAudioContext;
      var audio = new Context();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 660;
      gain.gain.value = 0.05;
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.25);
    } catch (error) {
      /* No audio: the visual signal remains. */
    }
  }

  function draw() {
    var step = details[state.step];
    var last = state.step === details.length - 1;
    q("[data-timer-plan]").textContent = (plan.name ? plan.name + " · " : "") + P.duration(plan.total);
    q("[data-timer-position]").textContent = "Étape " + (state.step + 1) + " sur " + details.length + " · " + P.duration(step.minutes) + " prévues";
    q("[data-timer-step-name]").textContent = step.name;
    var at = now(); /* one instant for both clocks */
    var stepLeft = step.minutes * 60 - elapsed(state.stepMs, at) / 1000;
    var sessionLeft = plan.total * 60 - elapsed(state.sessionMs, at) / 1000;
    var stepClock = q("[data-timer-step-left]");
    stepClock.textContent = clock(stepLeft);
    stepClock.setAttribute("aria-label", spoken(stepLeft));
    var sessionClock = q("[data-timer-session-left]");
    sessionClock.textContent = clock(sessionLeft);
    var isOver = stepLeft <= 0;
    root.classList.toggle("guide-timer--over", isOver);
    root.classList.toggle("guide-timer--running", running());
    over.hidden = !isOver;
    if (isOver && announced !== state.step) {
      announced = state.step;
      status.textContent = "Temps de l’étape « " + step.name + " » écoulé.";
      if (state.sound && running()) {
        beep();
      }
    }
    q("[data-timer-next]").textContent = last ? "Dernière étape." : "Ensuite : " + details[state.step + 1].name + " (" + P.duration(details[state.step + 1].minutes) + ").";
    toggle.textContent = running() ? "Pause" : elapsed(state.sessionMs) > 0 ? "Reprendre" : "Démarrer";
    toggle.setAttribute("aria-pressed", running() ? "true" : "false");
    nextButton.disabled = last;
    previousButton.disabled = state.step === 0;
  }

  toggle.addEventListener("click", function () {
    if (running()) {
      flush();
      state.since = null;
      status.textContent = "Minuteur en pause.";
    } else {
      state.since = now();
      status.textContent = "Minuteur lancé.";
    }
    keep();
    draw();
  });

  nextButton.addEventListener("click", function () {
    if (state.step >= details.length - 1) {
      return;
    }
    flush();
    state.step += 1;
    state.stepMs = 0;
    keep();
    draw();
    status.textContent = "Étape " + (state.step + 1) + " : " + details[state.step].name + ".";
  });

  previousButton.addEventListener("click", function () {
    if (state.step === 0) {
      return;
    }
    flush();
    state.step -= 1;
    state.stepMs = 0;
    announced = -1;
    keep();
    draw();
    status.textContent = "Retour à l’étape " + (state.step + 1) + " : " + details[state.step].name + ", son temps repart de zéro.";
  });

  resetButton.addEventListener("click", function () {
    if (elapsed(state.sessionMs) > 0 && !window.confirm("Recommencer la séance à l’étape 1 ? Le temps écoulé sera perdu.")) {
      return;
    }
    notice.hidden = true;
    state = { hash: hash, step: 0, stepMs: 0, sessionMs: 0, since: null, sound: state.sound };
    announced = -1;
    keep();
    draw();
    status.textContent = "Minuteur remis à zéro.";
  });

  sound.checked = !!state.sound;
  sound.addEventListener("change", function () {
    state.sound = sound.checked;
    keep();
  });

  q("[data-timer-back]").setAttribute("href", P.data.planner + hash);
  root.hidden = false;
  if (carriedOver) {
    notice.textContent =
      "Le plan a changé : le minuteur garde le temps écoulé (" + clock(Math.floor(elapsed(state.sessionMs) / 1000)) + ") et reprend à l’étape " + (state.step + 1) + ", « " + details[state.step].name + " ». « Recommencer » repart de zéro.";
    notice.hidden = false;
  }
  keep();
  draw();
  /* An overtime already past at load is shown, not announced again. */
  if (root.classList.contains("guide-timer--over")) {
    status.textContent = "";
  }
  setInterval(draw, 250);
})();
