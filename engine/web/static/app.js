// Conveniences only: every page works without this script.
// Before a form that changes an alert is sent, ask once (a slip of the finger is on the trail for good).
document.addEventListener("submit", function (e) {
  var form = e.target;
  if (!form.classList || !form.classList.contains("act")) return;
  var legend = form.querySelector("legend");
  if (!window.confirm("确认办理：" + (legend ? legend.textContent : "") + "？此操作将记入轨迹，不可撤销。")) e.preventDefault();
});
