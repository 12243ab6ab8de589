/* Set-up of the iframe that stands in for a Web Worker when the site is opened from a local
   folder (iframe-worker-shim.js, iframe-worker 1.0.4, MIT licence, (c) 2020-2022 Martin Donath).
   The shim used to write this as an inline script into the iframe; a file of the site's own
   keeps the Content-Security-Policy free of 'unsafe-inline' (issue 11). */
"use strict";
self.postMessage = function (data, origin) {
  parent.postMessage(data, origin || "*");
};
self.importScripts = function () {
  var urls = Array.prototype.slice.call(arguments);
  return urls.reduce(function (previous, url) {
    return previous.then(function () {
      return new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        document.body.appendChild(script);
      });
    });
  }, Promise.resolve());
};
addEventListener("error", function (event) {
  parent.dispatchEvent(new ErrorEvent("error", { filename: window.__workerUrl, error: event.error }));
});
