// Autosave for the plan step forms (form[data-autosave]): what is typed is kept in localStorage
// at once and posted shortly after, with the revision the form was shown from; the form's status
// line says Saved / Not saved — will retry / Conflict. A draft left by a lost connection or a
// closed tab is put back into its form and sent again. Without this script the forms submit as
// usual.
(function () {
  "use strict";
  var PREFIX = "m4d-plan-draft:";
  var SKIPPED = { csrfmiddlewaretoken: true, action: true };

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function snapshot(form) {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (!SKIPPED[name] && typeof value === "string") pairs.push([name, value]);
    });
    return JSON.stringify(pairs);
  }

  function restore(form, saved) {
    var values = {};
    JSON.parse(saved).forEach(function (pair) {
      (values[pair[0]] = values[pair[0]] || []).push(pair[1]);
    });
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || SKIPPED[field.name] || !(field.name in values)) {
        if (field.type === "checkbox" && field.name && !SKIPPED[field.name]) field.checked = false;
        return;
      }
      var wanted = values[field.name];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = wanted.indexOf(field.value) !== -1;
      } else if (field.tagName === "SELECT" && field.multiple) {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = wanted.indexOf(option.value) !== -1;
        });
      } else {
        field.value = wanted[0];
      }
    });
  }

  function Autosave(form) {
    this.form = form;
    this.key = PREFIX + form.getAttribute("data-autosave");
    this.state = form.querySelector(".autosave-state");
    this.timer = null;
    this.sending = false;
    this.stopped = false;
    this.submitter = undefined;
    var saved = storage() && storage().getItem(this.key);
    if (saved && saved !== snapshot(form)) {
      restore(form, saved);
      this.show("pending");
      this.later(500);
    }
    var self = this;
    form.addEventListener("input", function () {
      self.keep();
      self.later(1500);
    });
    form.addEventListener("change", function () {
      self.keep();
      self.later(300);
    });
    form.addEventListener("submit", function (event) {
      window.clearTimeout(self.timer);
      if (!navigator.onLine) {
        event.preventDefault();
        self.keep();
        self.show("pending");
        return;
      }
      if (self.sending) {
        // Sent now, it would be built on the revision before the autosave under way: wait for it.
        event.preventDefault();
        self.submitter = event.submitter || null;
        return;
      }
      if (storage()) storage().removeItem(self.key);
    });
    window.addEventListener("online", function () {
      if (storage() && storage().getItem(self.key)) self.later(0);
    });
  }

  Autosave.prototype.show = function (state) {
    if (!this.state) return;
    this.state.className = "autosave-state muted " + state;
    this.state.textContent = this.state.getAttribute("data-" + state) || "";
  };

  Autosave.prototype.keep = function () {
    this.stopped = false;
    if (storage()) storage().setItem(this.key, snapshot(this.form));
  };

  Autosave.prototype.later = function (delay) {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () {
      self.send();
    }, delay);
  };

  Autosave.prototype.send = function () {
    var self = this;
    if (this.sending || this.stopped) return;
    if (!navigator.onLine) {
      this.show("pending");
      return;
    }
    var sent = snapshot(this.form);
    var body = new FormData(this.form);
    this.sending = true;
    this.show("saving");
    // The forms hold a field named "action", which hides the form's own action property.
    fetch(this.form.getAttribute("action") || window.location.pathname, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Autosave": "1", Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          return { status: response.status, answer: answer };
        });
      })
      .then(function (reply) {
        self.sending = false;
        if (reply.status === 200 && reply.answer.state === "saved") {
          if (storage() && storage().getItem(self.key) === sent) storage().removeItem(self.key);
          self.show("saved");
          newRevision(reply.answer.revision, self.form);
        } else if (reply.status === 200 && reply.answer.state === "conflict") {
          self.stopped = true;
          self.show("conflict");
        } else if (reply.status === 200 && reply.answer.state === "invalid") {
          self.stopped = true;
          self.show("invalid");
        } else {
          throw new Error("server " + reply.status);
        }
        self.submitWaiting();
      })
      .catch(function () {
        self.sending = false;
        self.show("pending");
        if (!self.submitWaiting()) self.later(5000);
      });
  };

  // A submit held back while an autosave was under way goes now (the page then shows the outcome).
  Autosave.prototype.submitWaiting = function () {
    if (this.submitter === undefined) return false;
    var submitter = this.submitter;
    this.submitter = undefined;
    if (this.form.requestSubmit) this.form.requestSubmit(submitter || undefined);
    else this.form.submit();
    return true;
  };

  // After a save, the form saved and every other form of the page that holds no unsent draft
  // (restored from an earlier visit, with its own base) build on the new revision.
  function newRevision(revision, saved) {
    Array.prototype.forEach.call(document.querySelectorAll("form"), function (form) {
      var key = form.getAttribute("data-autosave");
      if (form !== saved && key && storage() && storage().getItem(PREFIX + key)) return;
      var field = form.querySelector("input[name=base_revision]");
      if (field) field.value = String(revision);
    });
  }

  // Choosing a version after a conflict settles the step: the drafts typed on it are dropped.
  function discardDrafts(event) {
    var prefix = PREFIX + event.currentTarget.getAttribute("data-discard");
    var store = storage();
    if (!store) return;
    for (var index = store.length - 1; index >= 0; index--) {
      var key = store.key(index);
      if (key && key.indexOf(prefix) === 0) store.removeItem(key);
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-discard]"), function (element) {
      element.addEventListener(element.tagName === "FORM" ? "submit" : "click", discardDrafts);
    });
    if (!window.fetch || !window.FormData) return;
    Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave]"), function (form) {
      new Autosave(form);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
