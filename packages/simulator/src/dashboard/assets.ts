// The dashboard's one stylesheet and one script, inlined into every page (no external assets).
import { DASHBOARD_PATH } from "./path.js";

// Colours are chosen for at least 4.5:1 contrast against their backgrounds.

export const DASHBOARD_STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1d2330}
a{color:#0b57c2}
:focus-visible{outline:3px solid #0b57c2;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:8px 12px;z-index:2}
.skip:focus{left:8px}
header{background:#1d2330;color:#fff;padding:10px 24px;display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px}
header .title{font-weight:700;font-size:1.05rem;margin:0}
header nav{display:flex;gap:4px;flex-wrap:wrap}
header nav a{color:#fff;text-decoration:none;padding:6px 12px;border-radius:6px;font-weight:600}
header nav a:hover{background:#343c4f}
header nav a[aria-current=page]{background:#fff;color:#1d2330}
header .live{margin-left:auto;font-size:.85rem;color:#d7dbe3}
main{padding:16px 24px 40px;max-width:1400px}
h1{font-size:1.3rem;margin:8px 0 12px}
h2{font-size:1.05rem;margin:20px 0 8px}
.card{background:#fff;border:1px solid #dfe3ea;border-radius:10px;padding:16px 20px;margin-bottom:16px}
table{width:100%;border-collapse:collapse;font-size:.9rem;background:#fff}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e6e9ee;vertical-align:top}
th{font-weight:600;color:#3f4754;font-size:.8rem;text-transform:uppercase;letter-spacing:.03em}
td.num,th.num{text-align:right;white-space:nowrap}
.nowrap{white-space:nowrap}
code,pre{font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
code{overflow-wrap:anywhere}
pre{background:#f4f5f7;border:1px solid #e6e9ee;border-radius:6px;padding:8px 10px;margin:4px 0;overflow:auto;max-height:360px;white-space:pre-wrap;overflow-wrap:anywhere}
.muted{color:#5b6472}
.state{display:inline-block;border-radius:999px;padding:1px 9px;font-size:.8rem;font-weight:700}
.state-succeeded{background:#dcf5e3;color:#14532d}
.state-pending{background:#fff1c2;color:#6b4b00}
.state-failed{background:#fde2df;color:#8a1c12}
.state-skipped,.state-cancelled{background:#e6e9ee;color:#3f4754}
.chips{display:flex;flex-wrap:wrap;gap:4px;list-style:none;margin:0;padding:0}
.chip{border:1px solid #cfd4dc;border-radius:6px;padding:0 6px;font-size:.8rem;white-space:nowrap}
.ok{color:#14532d}
.bad{color:#8a1c12}
.timeline{list-style:none;margin:0;padding:0}
.timeline>li{border-left:3px solid #cfd4dc;padding:4px 0 10px 14px;margin-left:4px}
.timeline>li.good{border-color:#2f8a4c}
.timeline>li.fail{border-color:#c0392b}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
dl.facts dt{font-weight:600;color:#3f4754}
dl.facts dd{margin:0}
label{display:block;font-weight:600;font-size:.85rem;margin:10px 0 4px}
input,select,textarea{font:inherit;padding:7px 9px;border:1px solid #8a93a3;border-radius:6px;background:#fff;color:#1d2330;max-width:100%}
textarea{width:100%;font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.row{display:flex;flex-wrap:wrap;gap:0 16px;align-items:end}
form[role=search]{margin:0 0 12px}
button{font:inherit;font-weight:600;padding:7px 14px;border-radius:6px;border:1px solid #0b57c2;background:#0b57c2;color:#fff;cursor:pointer;margin-top:10px}
button.secondary{background:#fff;color:#0b57c2}
button.danger{background:#fff;color:#8a1c12;border-color:#8a1c12}
.notice{background:#dcf5e3;color:#14532d;border-radius:6px;padding:8px 12px;margin:8px 0}
.error{background:#fde2df;color:#8a1c12;border-radius:6px;padding:8px 12px;margin:8px 0}
.pager{display:flex;gap:12px;align-items:center;margin:10px 0}
.subnav{display:flex;gap:12px;margin:0 0 8px}
.subnav a[aria-current=page]{font-weight:700;color:#1d2330}
details>summary{cursor:pointer;color:#0b57c2}
caption{text-align:left;padding:4px 0}
h1 code{font-size:1.1rem}
.card>h2:first-child{margin-top:0}
#payload{max-height:75vh}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:16px}
`;

/**
 * Live updates: the server sends a `change` event (server-sent events) when a request or a
 * delivery is recorded; the page fetches itself again and swaps its `#live` region, keeping
 * open <details>, focus and scroll. The status line (a polite live region) only says whether
 * updates are flowing, so screen readers are not told about every refresh. Plus the Copy buttons and the sample payload loader.
 */
export const DASHBOARD_SCRIPT = `
(function(){
  var live = document.getElementById("live");
  var status = document.getElementById("live-status");
  var busy = false, again = false;
  function refresh(){
    if (!live) return;
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, {headers: {accept: "text/html"}}).then(function(r){ return r.text(); }).then(function(html){
      var next = new DOMParser().parseFromString(html, "text/html").getElementById("live");
      if (!next) return;
      var open = Array.prototype.map.call(live.querySelectorAll("details[open][id]"), function(d){ return d.id; });
      var focused = document.activeElement && live.contains(document.activeElement) ? document.activeElement.id : "";
      live.innerHTML = next.innerHTML;
      open.forEach(function(id){ var d = document.getElementById(id); if (d) d.open = true; });
      if (focused) { var f = document.getElementById(focused); if (f) f.focus({preventScroll: true}); }
    }).catch(function(){}).then(function(){ busy = false; if (again) { again = false; refresh(); } });
  }
  if (live && window.EventSource) {
    var source = new EventSource("${DASHBOARD_PATH}/events");
    source.addEventListener("change", refresh);
    source.onerror = function(){ if (status) status.textContent = "Live updates paused (reconnecting)"; };
    // (Re)connected: catch up on whatever changed since the page was rendered.
    source.onopen = function(){ if (status) status.textContent = "Live"; refresh(); };
  }
  document.addEventListener("click", function(e){
    var button = e.target.closest ? e.target.closest("button[data-copy]") : null;
    if (!button) return;
    var from = document.getElementById(button.getAttribute("data-copy"));
    if (!from || !navigator.clipboard) return;
    navigator.clipboard.writeText(from.textContent || "").then(function(){
      button.textContent = "Copied";
      setTimeout(function(){ button.textContent = "Copy"; }, 1500);
    });
  });
  var type = document.getElementById("trigger-type");
  var payload = document.getElementById("trigger-payload");
  if (type && payload) type.addEventListener("change", function(){
    fetch("${DASHBOARD_PATH}/sample?type=" + encodeURIComponent(type.value)).then(function(r){ return r.text(); }).then(function(text){ payload.value = text; });
  });
})();
`;
