// Package deploytest tests the recipes in deploy/ as shipped: the git
// hooks through real pushes to a bare repository, the nginx and Apache
// configurations with Debian's servers on 127.0.0.1, the CI job examples
// and every command of deploy/README.md. Each test reads the shipped file
// and replaces only the paths and ports an administrator edits, so what
// is tested is what is shipped.
//
// The package has no code of its own; everything is in its tests. A
// missing server or git skips its test, or fails it when CI is set
// (internal/testenv); .ci/run installs them.
package deploytest
