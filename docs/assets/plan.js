/* A session plan, shared by the planner (outils/planifier.html) and the timer
 * (outils/minuteur.html). Both pages embed the same data from content/ as JSON
 * (<script type="application/json" id="planner-data">): structures, phases, prompts.
 *
 * A plan is a small object written in the page's address as `#plan=<base64url of its JSON>`:
 *   {v: 1, name, setting, structure, phase, total (the steps' sum), target (the duration the
 *    consultant set, which the steps may run over),
 *    steps: [{ref: <id of the structure's step, or "">, name, minutes, prompts: [<prompt id>]}]}
 * Nothing here stores or sends anything; the pages decide what to keep in localStorage.
 */
(function () {
  "use strict";

  var element = document.getElementById("planner-data");
  var data = element ? JSON.parse(element.textContent) : null;

  function byId(list, id) {
    for (var i = 0; i < list.length; i += 1) {
      if (list[i].id === id) {
        return list[i];
      }
    }
    return null;
  }

  var promptTexts = {};
  if (data) {
    data.prompts.forEach(function (group) {
      group.items.forEach(function (item) {
        promptTexts[item[0]] = { text: item[1], group: group.label };
      });
    });
  }

  /* A prompt the consultant wrote himself is kept in the plan as "=" and its text. */
  var OWN = "=";
  function isOwn(id) {
    return id.charAt(0) === OWN && id.length > 1 && id.length <= 201;
  }
  function prompt(id) {
    return isOwn(id) ? { text: id.slice(1), group: "Relance libre" } : promptTexts[id];
  }

  /* Whole minutes proportional to `minutes`, at least 1 each, adding up to `total`
     (largest remainders get the minutes left over). */
  function scale(minutes, total) {
    var sum = minutes.reduce(function (a, b) {
      return a + b;
    }, 0);
    if (!minutes.length) {
      return [];
    }
    total = Math.max(total, minutes.length);
    var raw = minutes.map(function (m) {
      return sum > 0 ? (m * total) / sum : total / minutes.length;
    });
    var out = raw.map(function (r) {
      return Math.max(1, Math.floor(r));
    });
    var left = total - out.reduce(function (a, b) {
      return a + b;
    }, 0);
    var order = raw
      .map(function (r, i) {
        return [r - Math.floor(r), i];
      })
      .sort(function (a, b) {
        return b[0] - a[0] || a[1] - b[1];
      });
    var k = 0;
    while (left > 0) {
      out[order[k % order.length][1]] += 1;
      left -= 1;
      k += 1;
    }
    k = 0;
    while (left < 0 && k < 10000) {
      var j = order[order.length - 1 - (k % order.length)][1];
      if (out[j] > 1) {
        out[j] -= 1;
        left += 1;
      }
      k += 1;
    }
    return out;
  }

  /* A new plan from a structure, its times scaled to `total` (the structure's own by default). */
  function fromStructure(structureId, phase, total, name) {
    var structure = byId(data.structures, structureId) || data.structures[0];
    total = total || structure.total;
    var minutes = scale(
      structure.steps.map(function (s) {
        return s.minutes;
      }),
      total
    );
    return {
      v: 1,
      name: name || "",
      setting: structure.setting,
      structure: structure.id,
      phase: phase || structure.phases[0],
      total: total,
      target: total,
      steps: structure.steps.map(function (s, i) {
        return { ref: s.id, name: s.name, minutes: minutes[i], prompts: [] };
      })
    };
  }

  function encode(plan) {
    var bytes = new TextEncoder().encode(JSON.stringify(plan));
    var binary = "";
    bytes.forEach(function (b) {
      binary += String.fromCharCode(b);
    });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /* The plan in an address's hash, or null when there is none or it is unreadable. */
  function decode(hash) {
    var match = /(?:^#|&)plan=([A-Za-z0-9_-]+)/.exec(hash || "");
    if (!match) {
      return null;
    }
    try {
      var binary = atob(match[1].replace(/-/g, "+").replace(/_/g, "/"));
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i += 1) {
        bytes[i] = binary.charCodeAt(i);
      }
      return check(JSON.parse(new TextDecoder().decode(bytes)));
    } catch (error) {
      return null;
    }
  }

  /* A plan read from outside (an address, storage, a file) cleaned up, or null. */
  function check(plan) {
    if (!plan || plan.v !== 1 || !Array.isArray(plan.steps) || !byId(data.structures, plan.structure)) {
      return null;
    }
    var steps = plan.steps
      .filter(function (s) {
        return s && typeof s.name === "string";
      })
      .map(function (s) {
        return {
          ref: typeof s.ref === "string" ? s.ref : "",
          name: s.name.slice(0, 80),
          minutes: Math.max(1, Math.min(480, Math.round(Number(s.minutes)) || 1)),
          prompts: (Array.isArray(s.prompts) ? s.prompts : []).filter(function (id) {
            return typeof id === "string" && (Object.prototype.hasOwnProperty.call(promptTexts, id) || isOwn(id));
          })
        };
      });
    if (!steps.length) {
      return null;
    }
    var structure = byId(data.structures, plan.structure);
    return {
      v: 1,
      name: typeof plan.name === "string" ? plan.name.slice(0, 60) : "",
      setting: structure.setting,
      structure: structure.id,
      phase: byId(data.phases, plan.phase) ? plan.phase : structure.phases[0],
      total: total(steps),
      target: Math.max(1, Math.min(480, Math.round(Number(plan.target)) || total(steps))),
      steps: steps
    };
  }

  function total(steps) {
    return steps.reduce(function (a, s) {
      return a + s.minutes;
    }, 0);
  }

  /* Each step of a plan with what the data says of it: purpose, roles, planes, prompts. */
  function details(plan) {
    var structure = byId(data.structures, plan.structure);
    var start = 0;
    return plan.steps.map(function (step) {
      var source = step.ref ? byId(structure.steps, step.ref) : null;
      var out = {
        name: step.name,
        minutes: step.minutes,
        start: start,
        purpose: source ? source.purpose : "",
        roles: source ? source.roles : [],
        planes: source ? source.planes : [],
        prompts: step.prompts.map(prompt)
      };
      start += step.minutes;
      return out;
    });
  }

  /* 5 -> "5 min", 90 -> "1 h 30" (French, with no-break spaces). */
  function duration(minutes) {
    var h = Math.floor(minutes / 60);
    var m = minutes % 60;
    if (!h) {
      return m + "\u00a0min";
    }
    return h + "\u00a0h" + (m ? "\u00a0" + (m < 10 ? "0" : "") + m : "");
  }

  window.GuidePlan = {
    data: data,
    byId: byId,
    scale: scale,
    fromStructure: fromStructure,
    encode: encode,
    decode: decode,
    check: check,
    total: total,
    details: details,
    duration: duration,
    prompt: prompt,
    own: OWN
  };
})();
