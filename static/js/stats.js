// Counts one view of this landing page (a COUNTER Investigation) with a beacon to the URL
// in the script's data-beacon attribute. Nothing is sent when the reader asks not to be
// tracked (Do-Not-Track or Global Privacy Control), and a prerendered page waits until
// it is really shown.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-beacon");
  if (!url || !navigator.sendBeacon) return;
  if (navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl) {
    return;
  }
  function send() {
    navigator.sendBeacon(url);
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
