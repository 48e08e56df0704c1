package huaweicloud

import (
	"encoding/json"
	"strings"
)

// ParseErrorBody reads Huawei's error shapes: {"error_code","error_msg"},
// {"code","message"}, those nested one level ({"error":{...}}), and the
// JSON array of such objects that Huawei APIs (SWR at times) answer with. Anything else
// is kept as text, cut at 300 bytes.
func ParseErrorBody(body []byte) (code, msg string) {
	trimmed := strings.TrimSpace(string(body))
	if strings.HasPrefix(trimmed, "[") {
		var items []map[string]any
		if json.Unmarshal(body, &items) == nil {
			var codes, msgs []string
			for _, it := range items {
				c, m := fromObject(it)
				codes, msgs = appendNonEmpty(codes, c), appendNonEmpty(msgs, m)
			}
			if len(codes)+len(msgs) > 0 {
				return strings.Join(codes, ","), strings.Join(msgs, "; ")
			}
		}
	}
	var obj map[string]any
	if strings.HasPrefix(trimmed, "{") && json.Unmarshal(body, &obj) == nil {
		if c, m := fromObject(obj); c != "" || m != "" {
			return c, m
		}
	}
	if len(trimmed) > 300 {
		trimmed = trimmed[:300] + "…"
	}
	return "", trimmed
}

func fromObject(m map[string]any) (code, msg string) {
	for _, keys := range [][2]string{{"error_code", "error_msg"}, {"code", "message"}, {"errorCode", "errorMessage"}} {
		c, _ := m[keys[0]].(string)
		s, _ := m[keys[1]].(string)
		if c != "" || s != "" {
			return c, s
		}
	}
	for _, v := range m {
		if inner, ok := v.(map[string]any); ok {
			if c, s := fromObject(inner); c != "" || s != "" {
				return c, s
			}
		}
	}
	return "", ""
}

func appendNonEmpty(list []string, s string) []string {
	if s == "" {
		return list
	}
	return append(list, s)
}
