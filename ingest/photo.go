package ingest

import (
	"context"
	"errors"
)

// hashPhoto returns the perceptual hash of an image file.
func hashPhoto(ctx context.Context, path string) (string, error) {
	return "", errors.New("photo hashing is not available in this build")
}
