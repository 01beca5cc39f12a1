@testable import HubServer
import Testing

@Suite("PostgreSQL's reading of the repositories' SQL")
struct PostgresSQLTests {
    @Test("placeholders are numbered in order; a ? or ; inside quotes or a -- comment is left alone")
    func placeholders() {
        #expect(PostgresSQL.numbered("SELECT a FROM t WHERE b = ? AND c = '?' AND \"d?\" = ? -- why?\nAND e = ?")
                == "SELECT a FROM t WHERE b = $1 AND c = '?' AND \"d?\" = $2 -- why?\nAND e = $3")
        #expect(PostgresSQL.numbered("SELECT 1") == "SELECT 1")
    }

    @Test("a script splits into its statements at each ; outside quotes and comments")
    func statements() {
        #expect(PostgresSQL.statements(of: "CREATE TABLE a (x TEXT DEFAULT ';'); -- done;\n;  ; CREATE INDEX i ON a(x);")
                == ["CREATE TABLE a (x TEXT DEFAULT ';')", "-- done;\n", "CREATE INDEX i ON a(x)"].map {
                    $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    }
}
