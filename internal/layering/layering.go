// Package layering has no code: its test checks the module's import graph against the layers in
// docs/layout.md. Package courses depends on nothing outside the standard library and courses/...;
// nothing under courses/ imports an app, sync or internal/; and each third-party library is
// imported by its one home package.
package layering
