// Show the "Print this page" button (it starts hidden, as it needs this
// script) and open the browser's print dialog when it is pressed.
document.querySelectorAll("[data-print-button]").forEach(function (button) {
  button.hidden = false
  button.addEventListener("click", function () {
    window.print()
  })
})
