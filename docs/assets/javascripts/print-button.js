// "Print this page": open the browser's print dialog. Without this script
// the button is hidden (see overrides/main.html).
document.querySelectorAll("[data-print-button]").forEach(function (button) {
  button.addEventListener("click", function () {
    window.print()
  })
})
