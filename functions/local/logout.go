package main

import (
	"context"
	"fmt"
)

func init() {
	register(&command{
		name:    "logout",
		summary: "log out of a registry: remove its login from docker's config.json (or its credential helper)",
		usage:   []string{"HOST"},
		about: `
Removes HOST's login from where 'imagesync login' (or docker, or crane) put
it: the credential helper docker's config.json names for HOST, else its
credsStore, else the file itself.`,
		examples: []string{"imagesync logout registry.example.com", "DOCKER_CONFIG=/ci/.docker imagesync logout localhost:5000"},
		run:      logoutCmd,
	})
}

func logoutCmd(_ context.Context, c *cli, args []string) int {
	cmd := commands["logout"]
	fs := cmd.flags()
	if done, code := cmd.parse(c, fs, args, 1, 1); done {
		return code
	}
	key, err := registryKey(fs.Arg(0))
	if err != nil {
		return cmd.bad(c, err.Error())
	}
	cf, err := c.dockerConfig()
	if err != nil {
		fmt.Fprintln(c.stderr, "imagesync logout:", err)
		return exitFailed
	}
	store := cf.GetCredentialsStore(key)
	if _, known := cf.AuthConfigs[key]; !known {
		if a, err := store.Get(key); err != nil || (a.Username == "" && a.Password == "" && a.IdentityToken == "") {
			fmt.Fprintf(c.stdout, "Not logged in to %s\n", key)
			return exitOK
		}
	}
	if err := store.Erase(key); err != nil {
		fmt.Fprintln(c.stderr, "imagesync logout: removing the login:", err)
		return exitFailed
	}
	if err := cf.Save(); err != nil {
		fmt.Fprintln(c.stderr, "imagesync logout:", err)
		return exitFailed
	}
	fmt.Fprintf(c.stdout, "Removing login credentials for %s (from %s)\n", key, storeName(cf, key))
	return exitOK
}
