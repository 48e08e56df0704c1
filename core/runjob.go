package core

import "context"

// RunJob runs j once, as a tick naming it would, without j being among the
// configured triggers: the local CLI's tag-set sync builds one from its
// flags. j is validated first (a *ValidationError, ErrInvalid, lists every
// problem). Like a tick it never stops at the first failure: the outcome
// says what was copied, skipped, failed and pruned, and the error is
// non-nil only when something failed that may pass on a retry.
func (s *Service) RunJob(ctx context.Context, j Job, dryRun bool) (JobOutcome, error) {
	if err := j.Validate(); err != nil {
		return JobOutcome{Name: j.Name}, err
	}
	return s.runJob(ctx, j, dryRun)
}
