"""History pieces every app shares: what changed between two versions (`diff`), the admin's comparison (`compare`)."""
