// ferretdb-id-index adds, to every collection table of FerretDB's SQLite backend, an index on the exact
// expression FerretDB filters `_id` with (`_ferretdb_sjson->'$._id'`). FerretDB v1 creates its unique `_id`
// index on `_ferretdb_sjson->"_id"`, which SQLite does not match to that filter, so every read and write by
// `_id` scans the whole table while holding the write lock. With this index the same statements are index
// lookups. It only adds indexes (IF NOT EXISTS): FerretDB's data and metadata are left as they are.
//
// Usage: ferretdb-id-index <FerretDB SQLite directory>
package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: ferretdb-id-index <directory of FerretDB's .sqlite files>")
		os.Exit(2)
	}
	files, err := filepath.Glob(filepath.Join(os.Args[1], "*.sqlite"))
	if err != nil {
		fail(err)
	}
	added := 0
	for _, f := range files {
		n, err := indexFile(f)
		if err != nil {
			fail(fmt.Errorf("%s: %w", f, err))
		}
		added += n
	}
	fmt.Printf("ferretdb-id-index: %d database(s), %d index(es) added\n", len(files), added)
}

func indexFile(file string) (int, error) {
	// busy_timeout: FerretDB may be writing; wait for its lock rather than fail.
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var meta int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_ferretdb_collections'`).Scan(&meta); err != nil {
		return 0, err
	}
	if meta == 0 {
		return 0, nil // not a FerretDB database (or no collection yet)
	}
	rows, err := db.Query(`SELECT table_name FROM _ferretdb_collections`)
	if err != nil {
		return 0, err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return 0, err
		}
		tables = append(tables, t)
	}
	rows.Close()
	added := 0
	for _, t := range tables {
		name := t + "__id_path"
		var exists int
		if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?`, name).Scan(&exists); err != nil {
			return added, err
		}
		if exists > 0 {
			continue
		}
		stmt := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (_ferretdb_sjson->'$._id')`, quote(name), quote(t))
		if _, err := db.Exec(stmt); err != nil {
			return added, err
		}
		added++
	}
	return added, nil
}

func quote(id string) string { return `"` + strings.ReplaceAll(id, `"`, `""`) + `"` }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ferretdb-id-index:", err)
	os.Exit(1)
}
