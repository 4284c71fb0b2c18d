package deploytest

import (
	"fmt"
	"path/filepath"
	"testing"

	"sitegen/internal/testenv"
)

// nginxMain is the part of Debian's /etc/nginx/nginx.conf a site file is
// included in (the http block's types and defaults), with the paths a
// server started by a test needs: its own prefix, pid file and logs, and
// two settings an administrator may have made for other sites.
const nginxMain = `
worker_processes 1;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    gzip on;
    # A hardened main configuration: the site file must undo both, or
    # current is refused, or a switch serves the old release for a while.
    disable_symlinks on;
    open_file_cache max=1000 inactive=60s;
    open_file_cache_valid 60s;
    access_log %[1]s/access.log;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    include %[2]s;
}
`

// startNginx serves the shipped site file rel (deploy/nginx/…) for the
// web folder webdir on 127.0.0.1:port, with Debian's nginx.
func startNginx(t *testing.T, rel, webdir string, port int) {
	t.Helper()
	nginx := testenv.Command(t, "nginx", "apt-get install nginx", "/usr/sbin")
	dir := t.TempDir()
	site := installed(t, rel,
		"listen 80;", fmt.Sprintf("listen 127.0.0.1:%d;", port),
		"/srv/www/bao-cao", webdir,
	)
	writeFile(t, filepath.Join(dir, "site.conf"), site)
	writeFile(t, filepath.Join(dir, "nginx.conf"), fmt.Sprintf(nginxMain, dir, filepath.Join(dir, "site.conf")))
	// -t first: a configuration error is then reported as such.
	argv := []string{nginx, "-e", "stderr", "-p", dir, "-c", filepath.Join(dir, "nginx.conf"),
		"-g", "daemon off; pid " + filepath.Join(dir, "nginx.pid") + "; error_log stderr;"}
	run(t, dir, nil, argv[0], append(argv[1:], "-t")...)
	startServer(t, port, argv...)
}
