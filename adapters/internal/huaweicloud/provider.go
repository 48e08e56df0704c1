package huaweicloud

import (
	"context"
	"fmt"

	"github.com/imagesync/imagesync/core"
)

// WithCredentialsProvider gives the credentials of each call (a
// credential chain, the keys of the invocation); it takes the place of
// WithCredentials and the environment. nil is refused.
func WithCredentialsProvider(p func(ctx context.Context) (Credentials, error)) Option {
	return func(s *Settings) error {
		if p == nil {
			return refuse("WithCredentialsProvider", "nil provider")
		}
		s.Provider = p
		return nil
	}
}

// credentials are the keys of one call: the provider's when there is one,
// else the client's.
func (c *Client) credentials(ctx context.Context) (Credentials, error) {
	if c.provider == nil {
		return c.creds, nil
	}
	creds, err := c.provider(ctx)
	if err != nil {
		return Credentials{}, fmt.Errorf("%s: credentials: %w", c.svc.Name, err)
	}
	if !creds.Valid() {
		return Credentials{}, core.Errorf(core.ErrUnauthorized, "%s: the credentials provider gave no keys", c.svc.Name)
	}
	return creds, nil
}
