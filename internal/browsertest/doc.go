// Package browsertest holds the browser tests of the built site: every page is
// opened in headless Chromium (from disk and from a local server under a
// sub-path, with the network to other hosts cut off), its charts, tables,
// links and citation buttons are checked, axe-core looks for accessibility
// faults, the Nu HTML Checker validates the markup, and screenshots are
// written for a person to look at.
//
// The package has no code of its own; everything is in its tests. See
// docs/browser-tests.md for how to run them.
package browsertest
