/* The session planner (outils/planifier.html), on docs/assets/plan.js.
 *
 * Without this script the page shows every structure as readable content. With it, the form
 * shows: setting, structure, phase, total time, the steps (name, minutes, order, prompts), and
 * the run sheet is drawn below it, printed alone on one A4 page. The plan is written in the
 * address (#plan=...) at each change; the last plan, and the plans the consultant names and
 * saves, are kept in this browser's localStorage ("guide.planner"). Nothing is sent anywhere:
 * the Markdown export is a file made in the browser.
 */
(function () {
  "use strict";

  var P = window.GuidePlan;
  var form = document.querySelector("[data-planner-form]");
  var sheet = document.querySelector("[data-planner-sheet]");
  if (!P || !P.data || !form || !sheet) {
    return;
  }
  var data = P.data;
  var KEY = "guide.planner";
  var $ = function (selector) {
    return form.querySelector(selector);
  };
  var structureSelect = $("[data-planner-structure]");
  var phaseSelect = $("[data-planner-phase]");
  var totalInput = $("[data-planner-total]");
  var nameInput = $("[data-planner-name]");
  var stepsList = $("[data-planner-steps]");
  var status = $("[data-planner-status]");
  var savedList = $("[data-planner-saved]");
  var savedEmpty = $("[data-planner-saved-empty]");
  var timerLink = $("[data-planner-timer]");
  var overrun = $("[data-planner-overrun]");
  var overrunLine = $("[data-planner-overrun-line]");
  var plan = null;

  /* Storage: {last: plan, plans: {name: {plan, saved: ISO date}}}; absent or blocked is fine. */
  function load() {
    try {
      var stored = JSON.parse(localStorage.getItem(KEY) || "{}");
      return stored && typeof stored === "object" ? stored : {};
    } catch (error) {
      return {};
    }
  }
  function keep(stored) {
    try {
      localStorage.setItem(KEY, JSON.stringify(stored));
      return true;
    } catch (error) {
      return false;
    }
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function say(message) {
    status.textContent = message;
  }

  /* The form ------------------------------------------------------------------------------ */

  function setting() {
    var checked = form.querySelector('input[name="setting"]:checked');
    return checked ? checked.value : "individuel";
  }

  function fits(structure) {
    return structure.setting === setting() && structure.phases.indexOf(phaseSelect.value) !== -1;
  }

  /* The structures of the chosen setting, those that fit the chosen phase first. */
  function fillStructures() {
    var ofSetting = data.structures.filter(function (s) {
      return s.setting === setting();
    });
    var ordered = ofSetting.filter(fits).concat(
      ofSetting.filter(function (s) {
        return !fits(s);
      })
    );
    structureSelect.textContent = "";
    ordered.forEach(function (s) {
      var label = s.name + " (" + P.duration(s.total) + " en repère)" + (fits(s) ? "" : " — pour un autre moment");
      structureSelect.appendChild(el("option", { value: s.id }, label));
    });
  }

  /* The relances: the step's own questions first, then the others in the data's order. */
  function promptSelect(id, step) {
    var select = el("select", { id: id });
    select.appendChild(el("option", { value: "" }, "Choisir une relance…"));
    var own = plan.structure + "/" + step.ref;
    var groups = data.prompts.filter(function (g) {
      return g.key === own;
    }).concat(
      data.prompts.filter(function (g) {
        return g.key !== own;
      })
    );
    groups.forEach(function (group) {
      var optgroup = el("optgroup", { label: group.label });
      group.items.forEach(function (item) {
        optgroup.appendChild(el("option", { value: item[0] }, item[1]));
      });
      select.appendChild(optgroup);
    });
    return select;
  }

  function links(list, label) {
    var p = el("p", { class: "guide-planner__refs" });
    p.appendChild(el("span", { class: "guide-planner__refs-label" }, label + "\u00a0: "));
    list.forEach(function (item, i) {
      if (i) {
        p.appendChild(document.createTextNode(", "));
      }
      p.appendChild(el("a", { href: item.href }, item.name));
    });
    return p;
  }

  function drawSteps(focus) {
    stepsList.textContent = "";
    var details = P.details(plan);
    plan.steps.forEach(function (step, i) {
      var d = details[i];
      var n = i + 1;
      var li = el("li", { class: "guide-planner__step", "data-step": String(i) });
      var head = el("div", { class: "guide-planner__step-head" });
      var nameField = el("p", { class: "guide-planner__field guide-planner__field--name" });
      nameField.appendChild(el("label", { for: "planner-step-name-" + n }, "Étape " + n));
      var name = el("input", { type: "text", id: "planner-step-name-" + n, maxlength: "80", "data-step-name": "" });
      name.value = step.name;
      nameField.appendChild(name);
      var minutesField = el("p", { class: "guide-planner__field guide-planner__field--minutes" });
      minutesField.appendChild(el("label", { for: "planner-step-minutes-" + n }, "Minutes"));
      var minutes = el("input", {
        type: "number",
        id: "planner-step-minutes-" + n,
        min: "1",
        max: "480",
        step: "1",
        inputmode: "numeric",
        "data-step-minutes": ""
      });
      minutes.value = String(step.minutes);
      minutesField.appendChild(minutes);
      head.appendChild(nameField);
      head.appendChild(minutesField);
      var actions = el("p", { class: "guide-planner__step-actions" });
      [
        ["up", "Monter", i === 0],
        ["down", "Descendre", i === plan.steps.length - 1],
        ["remove", "Retirer", plan.steps.length === 1],
        ["insert", "Insérer après", false]
      ].forEach(function (a) {
        var button = el("button", {
          type: "button",
          class: "md-button guide-planner__small",
          "data-step-action": a[0],
          "aria-label": a[1] + " l’étape " + n + " (" + step.name + ")"
        }, a[1]);
        button.disabled = a[2];
        actions.appendChild(button);
      });
      head.appendChild(actions);
      li.appendChild(head);
      li.appendChild(el("p", { class: "guide-planner__when" }, "De " + d.start + " à " + (d.start + d.minutes) + "\u00a0min"));
      if (d.purpose) {
        li.appendChild(el("p", { class: "guide-planner__purpose" }, d.purpose));
      }
      if (d.roles.length) {
        li.appendChild(links(d.roles, "Rôles qui y servent"));
      }
      if (d.planes.length) {
        li.appendChild(links(d.planes, "Plans à ouvrir"));
      }
      if (step.prompts.length) {
        var ul = el("ul", { class: "guide-planner__prompts", "aria-label": "Relances de l’étape " + n });
        step.prompts.forEach(function (id, j) {
          var prompt = P.prompt(id);
          var item = el("li", {});
          item.appendChild(el("span", {}, "« " + prompt.text + " » "));
          item.appendChild(el("span", { class: "guide-planner__hint" }, "(" + prompt.group + ") "));
          item.appendChild(
            el("button", {
              type: "button",
              class: "md-button guide-planner__small",
              "data-prompt-remove": String(j),
              "aria-label": "Retirer la relance « " + prompt.text + " »"
            }, "Retirer")
          );
          ul.appendChild(item);
        });
        li.appendChild(ul);
      }
      var add = el("p", { class: "guide-planner__field guide-planner__field--prompt" });
      add.appendChild(el("label", { for: "planner-step-prompt-" + n }, "Ajouter une relance à l’étape " + n));
      var select = promptSelect("planner-step-prompt-" + n, step);
      add.appendChild(select);
      add.appendChild(el("button", { type: "button", class: "md-button guide-planner__small", "data-prompt-add": "" }, "Ajouter"));
      li.appendChild(add);
      var free = el("p", { class: "guide-planner__field guide-planner__field--prompt" });
      free.appendChild(el("label", { for: "planner-step-own-" + n }, "Ou votre relance pour l’étape " + n));
      free.appendChild(el("input", { type: "text", id: "planner-step-own-" + n, maxlength: "200", "data-prompt-own": "" }));
      free.appendChild(el("button", { type: "button", class: "md-button guide-planner__small", "data-prompt-own-add": "" }, "Ajouter"));
      li.appendChild(free);
      stepsList.appendChild(li);
    });
    if (focus) {
      var target = stepsList.querySelector(focus);
      if (target && !target.disabled) {
        target.focus();
      }
    }
  }

  function drawForm() {
    form.querySelector('input[name="setting"][value="' + plan.setting + '"]').checked = true;
    phaseSelect.value = plan.phase;
    fillStructures();
    structureSelect.value = plan.structure;
    totalInput.value = String(plan.total);
    nameInput.value = plan.name;
  }

  /* The run sheet ------------------------------------------------------------------------- */

  function phaseName() {
    var phase = P.byId(data.phases, plan.phase);
    return phase ? phase.name : "";
  }

  function drawSheet() {
    var structure = P.byId(data.structures, plan.structure);
    var details = P.details(plan);
    sheet.textContent = "";
    var page = el("div", { class: "guide-sheet__page" });
    var body = el("div", { class: "guide-sheet__body" });
    var head = el("header", { class: "guide-sheet__head" });
    head.appendChild(el("p", { class: "guide-sheet__kicker" }, "Feuille de route · préparée avec le guide de l’entretien d’accompagnement"));
    head.appendChild(el("h2", { class: "guide-sheet__title" }, plan.name || "Ma prochaine séance"));
    head.appendChild(
      el(
        "p",
        { class: "guide-planner-sheet__meta" },
        data.settings[plan.setting] + " · " + phaseName() + " · " + structure.name + " · " + P.duration(plan.total)
      )
    );
    body.appendChild(head);
    var table = el("table", { class: "guide-planner-sheet__table" });
    var thead = el("thead");
    var row = el("tr");
    ["Repère", "Étape", "Durée", "Rôles et plans"].forEach(function (h) {
      row.appendChild(el("th", { scope: "col" }, h));
    });
    thead.appendChild(row);
    table.appendChild(thead);
    var tbody = el("tbody");
    details.forEach(function (d) {
      var tr = el("tr", { "data-sheet-step": "" });
      tr.appendChild(el("td", { class: "guide-planner-sheet__time" }, d.start + "–" + (d.start + d.minutes)));
      var what = el("td");
      what.appendChild(el("strong", {}, d.name));
      if (d.purpose) {
        what.appendChild(el("span", { class: "guide-planner-sheet__purpose" }, " " + d.purpose));
      }
      if (d.prompts.length) {
        var ul = el("ul", { class: "guide-planner-sheet__prompts" });
        d.prompts.forEach(function (prompt) {
          ul.appendChild(el("li", {}, "« " + prompt.text + " »"));
        });
        what.appendChild(ul);
      }
      tr.appendChild(what);
      tr.appendChild(el("td", { class: "guide-planner-sheet__minutes", "data-sheet-minutes": String(d.minutes) }, P.duration(d.minutes)));
      var refs = d.roles
        .map(function (r) {
          return r.name;
        })
        .join(", ");
      var planes = d.planes
        .map(function (r) {
          return r.name;
        })
        .join(", ");
      tr.appendChild(el("td", { class: "guide-planner-sheet__refs" }, [refs, planes].filter(Boolean).join(" · ")));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    var tfoot = el("tfoot");
    var foot = el("tr");
    foot.appendChild(el("th", { scope: "row", colspan: "2" }, "Total"));
    foot.appendChild(el("td", { class: "guide-planner-sheet__minutes", "data-sheet-total": String(plan.total) }, P.duration(plan.total)));
    foot.appendChild(el("td", {}, "Les temps sont des repères."));
    tfoot.appendChild(foot);
    table.appendChild(tfoot);
    body.appendChild(table);
    var notes = el("section", { class: "guide-planner-sheet__notes" });
    var group = plan.setting === "groupe";
    notes.appendChild(
      el("h3", { class: "guide-sheet__h2" }, group ? "Le pas choisi par chacun, et comment il le saura" : "Le pas choisi, et comment il saura")
    );
    if (group) {
      /* One line per participant, by code (A, B, C…), never by name. */
      var list = el("ol", { class: "guide-planner-sheet__participants", "data-sheet-participants": "" });
      for (var p = 0; p < data.group_lines; p += 1) {
        var line = el("li", { class: "guide-planner-sheet__participant" });
        line.appendChild(el("span", { class: "guide-planner-sheet__code" }, String.fromCharCode(65 + p)));
        line.appendChild(el("span", { class: "guide-area__line", role: "img", "aria-label": "Une ligne pour écrire à la main" }));
        list.appendChild(line);
      }
      notes.appendChild(list);
    } else {
      var area = el("div", { class: "guide-area guide-area--lines", role: "img", "aria-label": "4 lignes pour écrire à la main" });
      area.style.height = "32mm";
      for (var i = 0; i < 4; i += 1) {
        area.appendChild(el("div", { class: "guide-area__line" }));
      }
      notes.appendChild(area);
    }
    body.appendChild(notes);
    page.appendChild(body);
    page.appendChild(el("footer", { class: "guide-sheet__foot" }, data.confidentiality[plan.setting]));
    sheet.appendChild(page);
  }

  /* Markdown export ----------------------------------------------------------------------- */

  function markdown() {
    var structure = P.byId(data.structures, plan.structure);
    var lines = [
      "# " + (plan.name || "Ma prochaine séance"),
      "",
      "- Cadre : " + data.settings[plan.setting],
      "- Moment : " + phaseName(),
      "- Déroulé : " + structure.name,
      "- Durée totale : " + plan.total + " min",
      "",
      "| Repère | Étape | Durée |",
      "|---|---|---|"
    ];
    var details = P.details(plan);
    details.forEach(function (d) {
      lines.push("| " + d.start + "–" + (d.start + d.minutes) + " | " + d.name.replace(/\|/g, "\\|") + " | " + d.minutes + " min |");
    });
    lines.push("| | **Total** | **" + plan.total + " min** |", "");
    details.forEach(function (d, i) {
      lines.push("## " + (i + 1) + ". " + d.name + " (" + d.minutes + " min)", "");
      if (d.purpose) {
        lines.push(d.purpose, "");
      }
      var refs = d.roles
        .map(function (r) {
          return r.name;
        })
        .join(", ");
      if (refs) {
        lines.push("Rôles : " + refs + ". Plans : " + d.planes.map(function (r) {
          return r.name;
        }).join(", ") + ".", "");
      }
      d.prompts.forEach(function (prompt) {
        lines.push("- « " + prompt.text + " »");
      });
      if (d.prompts.length) {
        lines.push("");
      }
    });
    lines.push("_" + data.confidentiality[plan.setting] + "_", "");
    return lines.join("\n");
  }

  function exportMarkdown() {
    var blob = new Blob([markdown()], { type: "text/markdown;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: (plan.name || "plan-de-seance").replace(/[^\w\u00c0-\u017f-]+/g, "-") + ".md" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
    say("Le plan a été exporté en Markdown, dans un fichier de votre appareil.");
  }

  /* Saved plans --------------------------------------------------------------------------- */

  function drawSaved() {
    var plans = load().plans || {};
    var names = Object.keys(plans).sort(function (a, b) {
      return a.localeCompare(b, "fr");
    });
    savedList.textContent = "";
    savedEmpty.hidden = names.length > 0;
    names.forEach(function (name) {
      var li = el("li", { "data-saved-plan": name });
      var open = el("button", { type: "button", class: "md-button guide-planner__small", "data-saved-open": name, "aria-label": "Ouvrir le plan " + name }, "Ouvrir");
      var remove = el("button", { type: "button", class: "md-button guide-planner__small", "data-saved-remove": name, "aria-label": "Supprimer le plan " + name }, "Supprimer");
      li.appendChild(el("span", { class: "guide-planner__saved-name" }, name + " "));
      var when = plans[name].saved ? new Date(plans[name].saved) : null;
      if (when && !isNaN(when)) {
        li.appendChild(el("span", { class: "guide-planner__hint" }, "(" + when.toLocaleDateString("fr-FR") + ") "));
      }
      li.appendChild(open);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(remove);
      savedList.appendChild(li);
    });
  }

  /* State --------------------------------------------------------------------------------- */

  /* The steps' times and ranges written again in place, the fields kept (and the focus). */
  function refreshSteps() {
    var details = P.details(plan);
    Array.prototype.forEach.call(stepsList.querySelectorAll("[data-step]"), function (li, i) {
      var minutes = li.querySelector("[data-step-minutes]");
      if (minutes.value !== String(plan.steps[i].minutes)) {
        minutes.value = String(plan.steps[i].minutes);
      }
      li.querySelector(".guide-planner__when").textContent =
        "De " + details[i].start + " à " + (details[i].start + details[i].minutes) + "\u00a0min";
    });
  }

  /* The sheet, the address, the timer's link and the last plan kept, after any change. */
  function publish() {
    drawSheet();
    var hash = "#plan=" + P.encode(plan);
    try {
      history.replaceState(history.state, "", hash);
    } catch (error) {
      /* Some browsers refuse to rewrite file:// addresses: the plan still works. */
    }
    timerLink.setAttribute("href", data.timer + hash);
    var stored = load();
    stored.last = plan;
    keep(stored);
  }

  /* The steps' sum beside the target the consultant set: what runs over, or is left. */
  function drawOverrun() {
    var target = plan.target || plan.total;
    var gap = plan.total - target;
    overrun.textContent =
      gap > 0
        ? "+" + P.duration(gap) + " au-delà de " + P.duration(target)
        : gap < 0
          ? P.duration(-gap) + " de moins que " + P.duration(target)
          : "";
    overrunLine.hidden = !gap;
  }

  /* After any change: the steps (redrawn when `focus` is given, else refreshed in place), the
     total, the sheet, the address, the timer's link and the last plan kept. */
  function changed(message, focus) {
    plan.total = P.total(plan.steps);
    plan.target = plan.target || plan.total;
    totalInput.value = String(plan.target);
    if (focus === undefined && stepsList.querySelectorAll("[data-step]").length === plan.steps.length) {
      refreshSteps();
    } else {
      drawSteps(focus);
    }
    drawOverrun();
    publish();
    if (message) {
      say(message);
    }
  }

  /* Read after the change: the steps' sum as it now is. */
  function sumMessage() {
    var sum = P.total(plan.steps);
    var target = plan.target || sum;
    var gap = sum - target;
    return "Total des étapes : " + P.duration(sum) + (gap > 0 ? ", " + P.duration(gap) + " au-delà de " + P.duration(target) : "") + ".";
  }

  /* The steps' times scaled to `wanted` minutes, which becomes the target. */
  function fitTo(wanted) {
    var minutes = P.scale(
      plan.steps.map(function (s) {
        return s.minutes;
      }),
      wanted
    );
    plan.steps.forEach(function (s, i) {
      s.minutes = minutes[i];
    });
    plan.target = P.total(plan.steps);
  }

  function use(newPlan, message) {
    plan = newPlan;
    drawForm();
    changed(message, null);
  }

  function proposed() {
    var ofSetting = data.structures.filter(function (s) {
      return s.setting === setting();
    });
    var fitting = ofSetting.filter(fits);
    return (fitting[0] || ofSetting[0]).id;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.name === "setting" || target === phaseSelect) {
      var phase = phaseSelect.value;
      var current = P.byId(data.structures, plan.structure);
      if (current.setting !== setting() || current.phases.indexOf(phase) === -1) {
        var next = P.fromStructure(proposed(), phase, plan.target || plan.total, nameInput.value);
        use(next, "Déroulé proposé : " + P.byId(data.structures, next.structure).name + ", " + P.duration(next.total) + ".");
      } else {
        plan.phase = phase;
        fillStructures();
        structureSelect.value = plan.structure;
        changed();
      }
    } else if (target === structureSelect) {
      var chosen = P.fromStructure(structureSelect.value, phaseSelect.value, plan.target || plan.total, nameInput.value);
      use(chosen, "Déroulé : " + P.byId(data.structures, chosen.structure).name + ", " + P.duration(chosen.total) + ".");
    } else if (target === totalInput) {
      var wanted = Math.round(Number(totalInput.value));
      if (!wanted || wanted < plan.steps.length) {
        totalInput.value = String(plan.target || plan.total);
        say("La durée doit compter au moins une minute par étape.");
        return;
      }
      fitTo(Math.min(wanted, 480));
      changed("Les temps des étapes sont réglés sur " + P.duration(P.total(plan.steps)) + ".");
    } else if (target.hasAttribute("data-step-minutes")) {
      var index = Number(target.closest("[data-step]").getAttribute("data-step"));
      var value = Math.round(Number(target.value));
      plan.steps[index].minutes = Math.max(1, Math.min(480, value || 1));
      plan.total = P.total(plan.steps);
      changed(sumMessage());
    }
  });

  form.addEventListener("input", function (event) {
    var target = event.target;
    if (target === nameInput) {
      plan.name = nameInput.value.slice(0, 60);
      changed();
    } else if (target.hasAttribute("data-step-name")) {
      var index = Number(target.closest("[data-step]").getAttribute("data-step"));
      plan.steps[index].name = target.value.slice(0, 80);
      publish();
    }
  });

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) {
      return;
    }
    var li = button.closest("[data-step]");
    var index = li ? Number(li.getAttribute("data-step")) : -1;
    var action = button.getAttribute("data-step-action");
    if (action === "up" || action === "down") {
      var to = action === "up" ? index - 1 : index + 1;
      var moved = plan.steps.splice(index, 1)[0];
      plan.steps.splice(to, 0, moved);
      changed(
        "Étape « " + moved.name + " » déplacée en position " + (to + 1) + ".",
        '[data-step="' + to + '"] [data-step-action="' + action + '"]'
      );
    } else if (action === "remove") {
      var removed = plan.steps.splice(index, 1)[0];
      changed("Étape « " + removed.name + " » retirée. " + sumMessage(), null);
      $("[data-planner-add-step]").focus();
    } else if (button.hasAttribute("data-prompt-add")) {
      var select = li.querySelector("select");
      if (!select.value) {
        say("Choisissez d’abord une relance dans la liste.");
        select.focus();
        return;
      }
      if (plan.steps[index].prompts.indexOf(select.value) === -1) {
        plan.steps[index].prompts.push(select.value);
      }
      changed("Relance ajoutée à l’étape " + (index + 1) + ".", '[data-step="' + index + '"] select');
    } else if (button.hasAttribute("data-prompt-own-add")) {
      var field = li.querySelector("[data-prompt-own]");
      var words = field.value.trim().slice(0, 200);
      if (!words) {
        say("Écrivez d’abord votre relance.");
        field.focus();
        return;
      }
      if (plan.steps[index].prompts.indexOf(P.own + words) === -1) {
        plan.steps[index].prompts.push(P.own + words);
      }
      changed("Relance ajoutée à l’étape " + (index + 1) + ".", '[data-step="' + index + '"] [data-prompt-own]');
    } else if (button.hasAttribute("data-prompt-remove")) {
      plan.steps[index].prompts.splice(Number(button.getAttribute("data-prompt-remove")), 1);
      changed("Relance retirée de l’étape " + (index + 1) + ".", '[data-step="' + index + '"] select');
    } else if (button.hasAttribute("data-planner-add-step")) {
      plan.steps.push({ ref: "", name: "Nouvelle étape", minutes: 5, prompts: [] });
      changed("Étape ajoutée à la fin. " + sumMessage(), '[data-step="' + (plan.steps.length - 1) + '"] [data-step-name]');
    } else if (action === "insert") {
      plan.steps.splice(index + 1, 0, { ref: "", name: "Nouvelle étape", minutes: 5, prompts: [] });
      changed("Étape insérée en position " + (index + 2) + ". " + sumMessage(), '[data-step="' + (index + 1) + '"] [data-step-name]');
    } else if (button.hasAttribute("data-planner-fit")) {
      fitTo(plan.target || plan.total);
      changed("Les temps des étapes sont réglés sur " + P.duration(P.total(plan.steps)) + ".");
      totalInput.focus();
    } else if (button.hasAttribute("data-planner-print")) {
      drawSheet();
      window.print();
    } else if (button.hasAttribute("data-planner-export")) {
      exportMarkdown();
    } else if (button.hasAttribute("data-planner-save")) {
      var name = nameInput.value.trim();
      if (!name) {
        say("Donnez d’abord un nom au plan (des initiales ou un code).");
        nameInput.focus();
        return;
      }
      var stored = load();
      stored.plans = stored.plans || {};
      stored.plans[name] = { plan: plan, saved: new Date().toISOString() };
      say(keep(stored) ? "Plan « " + name + " » enregistré dans ce navigateur." : "Ce navigateur refuse d’enregistrer : le plan reste dans l’adresse de la page.");
      drawSaved();
    } else if (button.hasAttribute("data-planner-new")) {
      use(P.fromStructure(proposed(), phaseSelect.value, 0, ""), "Nouveau plan.");
      nameInput.focus();
    } else if (button.hasAttribute("data-saved-open")) {
      var saved = (load().plans || {})[button.getAttribute("data-saved-open")];
      var opened = saved && P.check(saved.plan);
      if (opened) {
        use(opened, "Plan « " + button.getAttribute("data-saved-open") + " » ouvert.");
        nameInput.focus();
      }
    } else if (button.hasAttribute("data-saved-remove")) {
      var gone = button.getAttribute("data-saved-remove");
      var all = load();
      if (all.plans) {
        delete all.plans[gone];
      }
      keep(all);
      drawSaved();
      say("Plan « " + gone + " » supprimé de ce navigateur.");
      nameInput.focus();
    }
  });

  var start = P.decode(location.hash) || P.check(load().last);
  form.hidden = false;
  sheet.hidden = false;
  document.documentElement.classList.add("guide-planner-ready");
  use(start || P.fromStructure(data.structures[0].id, "", 0, ""));
  say("");
  drawSaved();
})();
