package swr

import "testing"

func FuzzParseTaskID(f *testing.F) {
	f.Add("swr:cn-north-4:ns1:group$app:v1:cn-east-3:ns1:1700000000:7")
	f.Add("swr:::::::1:2")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := parseTaskID(s)
		if err == nil && id.String() != s {
			t.Fatalf("round trip: %q -> %q", s, id.String())
		}
	})
}
