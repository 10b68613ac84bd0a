"""The synthetic data generator (`generate_synthetic`): one builder module per part of a plan."""
