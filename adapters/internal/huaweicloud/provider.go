package huaweicloud

import (
	"context"
	"fmt"

	"github.com/imagesync/imagesync/core"
)

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
