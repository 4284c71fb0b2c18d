package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImport runs sitegen import as a clerk would: a CSV form saved by
// Excel on a Vietnamese Windows (";", BOM, CRLF), a first run with a
// mistake (exit 1, the message at its line and field, nothing written),
// then the corrected form, a dry run and a build.
func TestImport(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{"data/site.toml": checkSite})
	form := filepath.Join(dir, "Kết nạp 2024.csv")
	writeSite(t, dir, map[string]string{"Kết nạp 2024.csv": "\ufeffĐơn vị;Kết nạp;Nữ;Ghi chú/Nguồn\r\nChi bộ Phân xưởng;3;4;Báo cáo năm\r\n"})
	var stdout, stderr bytes.Buffer
	if code := run([]string{"import", form, "-kind", "admission", "-year", "2024", "-src", dir}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr.String())
	}
	want := `Kết nạp 2024.csv:2:3: admission cell="pxsx" year=2024: women = 4 lớn hơn admitted = 3`
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr:\n%s\nwant a line starting %s", stderr.String(), want)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "ket-nap-2024-admission.toml")); err == nil {
		t.Errorf("a form with an error was written")
	}

	writeSite(t, dir, map[string]string{"Kết nạp 2024.csv": "\ufeffĐơn vị;Kết nạp;Nữ;Ghi chú/Nguồn\r\nChi bộ Phân xưởng;3;1;Báo cáo năm\r\n"})
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"import", form, "-kind", "admission", "-year", "2024", "-src", dir, "-dry-run"}, &stdout, &stderr); code != 0 {
		t.Fatalf("dry run: exit %d; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "+women = 1\n") || !strings.Contains(stdout.String(), "thử, không ghi gì: 1 bản ghi sẽ được ghi vào") {
		t.Errorf("dry run stdout:\n%s", stdout.String())
	}
	stdout.Reset()
	if code := run([]string{"import", form, "-kind", "admission", "-year", "2024", "-src", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "đã ghi 1 bản ghi vào") || !strings.Contains(stdout.String(), "ket-nap-2024-admission.toml") {
		t.Errorf("stdout:\n%s", stdout.String())
	}
	stderr.Reset()
	if code := run([]string{"check", "-src", dir}, &stdout, &stderr); code != 0 {
		t.Errorf("check after the import: exit %d\n%s", code, stderr.String())
	}
	if code := run([]string{"import", form, "-src", dir}, &stdout, &stderr); code != 2 {
		t.Errorf("import without -kind: exit %d, want 2", code)
	}
	stderr.Reset()
	if code := run([]string{"import", form, "-kind", "admision", "-src", dir}, &stdout, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), `sitegen import: unknown -kind "admision"; did you mean "admission"?`) {
		t.Errorf("import -kind admision: exit %d, want 2; stderr:\n%s", code, stderr.String())
	}
}
