package main

import (
	"log"
	"os"

	"github.com/GoogleCloudPlatform/functions-framework-go/funcframework"
	_ "github.com/imagesync/imagesync" // registers the functions, as the buildpack's main does
)

func main() {
	if os.Getenv("FUNCTION_TARGET") == "" {
		_ = os.Setenv("FUNCTION_TARGET", "imagesync")
	}
	port, host := os.Getenv("PORT"), os.Getenv("HOST")
	if port == "" {
		port = "8080"
	}
	if host == "" {
		host = "127.0.0.1"
	}
	if err := funcframework.StartHostPort(host, port); err != nil {
		log.Fatalf("funcframework: %v", err)
	}
}
