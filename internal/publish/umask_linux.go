package publish

import (
	"bytes"
	"os"
	"strconv"
)

// umaskKeepsModes reports whether the process's umask leaves fileMode and
// dirMode as they are (022 and 002 do), so that the build can spare a
// chmod for every file and folder. Linux shows the umask in
// /proc/self/status; reading it there does not change it, as umask(2)
// would for every goroutine.
func umaskKeepsModes() bool {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return false
	}
	for line := range bytes.Lines(b) {
		if v, ok := bytes.CutPrefix(line, []byte("Umask:")); ok {
			m, err := strconv.ParseUint(string(bytes.TrimSpace(v)), 8, 32)
			return err == nil && m&(fileMode|dirMode) == 0
		}
	}
	return false
}
