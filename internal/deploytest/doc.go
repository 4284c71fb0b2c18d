// Package deploytest tests the recipes in deploy/ as shipped: the git
// hooks through real pushes to a bare repository, the CI job example by
// running its jobs' steps as a host runner would, and the nginx and
// Apache configurations with Debian's servers on 127.0.0.1, over a
// folder that sitegen publish fills. Each test reads the shipped file and
// makes only the edits its comments ask of an administrator (the lines
// marked EDIT: paths, port), so what is tested is what is shipped.
//
// The package has no code of its own; everything is in its tests. A
// missing server or git skips its test, or fails it when CI is set
// (internal/testenv); .ci/run installs them.
package deploytest
