// "Select all" on the staff export form (admin/import_export_staff/export.html). The library wires
// it with an inline onchange attribute, which the Content Security Policy (script-src 'self') blocks.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", (event) => {
      document.querySelectorAll('.selectable-field-export-row input[type="checkbox"]').forEach((box) => {
        box.checked = event.target.checked;
      });
    });
  });
});
