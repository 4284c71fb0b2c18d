package deploytest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"sitegen/internal/testenv"
)

// apacheMain is what Debian's /etc/apache2/apache2.conf gives a site
// file: the modules Debian enables on install, mod_headers (which the
// site files ask an administrator to enable), and the default that
// denies every folder a site does not grant; with the paths a server
// started by a test needs.
const apacheMain = `
ServerRoot /etc/apache2
ServerName localhost
Listen 127.0.0.1:%[2]d
PidFile %[1]s/apache2.pid
DefaultRuntimeDir %[1]s
Mutex file:%[1]s default
ErrorLog /dev/stderr
LogLevel warn
%[3]s
IncludeOptional /etc/apache2/mods-enabled/*.load
IncludeOptional /etc/apache2/mods-enabled/*.conf
<IfModule !headers_module>
    Include /etc/apache2/mods-available/headers.load
</IfModule>
AccessFileName .htaccess
<Directory />
    Options FollowSymLinks
    AllowOverride None
    Require all denied
</Directory>
# The host's own folder, empty: an address outside the site is a 404.
DocumentRoot %[1]s/htdocs
<Directory %[1]s/htdocs>
    Require all granted
</Directory>
<FilesMatch "^\.ht">
    Require all denied
</FilesMatch>
Include %[1]s/site.conf
`

// startApache serves the shipped site file rel (deploy/apache/…) for the
// web folder webdir on 127.0.0.1:port, with Debian's apache2.
func startApache(t *testing.T, rel, webdir string, port int) {
	t.Helper()
	apache := testenv.Command(t, "apache2", "apt-get install apache2", "/usr/sbin")
	dir := t.TempDir()
	site := installed(t, rel,
		"<VirtualHost *:80>", fmt.Sprintf("<VirtualHost 127.0.0.1:%d>", port),
		"/srv/www/bao-cao", webdir,
	)
	user := ""
	if os.Geteuid() == 0 {
		// As on a Debian server: the workers serve the files as www-data.
		user = "User www-data\nGroup www-data"
	}
	writeFile(t, filepath.Join(dir, "site.conf"), site)
	if err := os.Mkdir(filepath.Join(dir, "htdocs"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "apache2.conf"), fmt.Sprintf(apacheMain, dir, port, user))
	argv := []string{apache, "-f", filepath.Join(dir, "apache2.conf"), "-DFOREGROUND"}
	// -t first: a configuration error is then reported as such.
	run(t, dir, nil, argv[0], append(argv[1:], "-t")...)
	startServer(t, port, argv...)
}
