package swr

import "strings"

// pathRepo writes a repository for a request path: SWR wants each '/' as
// '$', and the SDK puts path values in literally.
func pathRepo(repo string) string { return strings.ReplaceAll(repo, "/", "$") }

// unpathRepo reverses pathRepo.
func unpathRepo(s string) string { return strings.ReplaceAll(s, "$", "/") }
