// Package publish writes a built site to disk atomically: into a new
// folder beside the output, swapped in only when complete, so a failed
// build leaves the previous output exactly as it was.
package publish
