"""The real-data loader (`load_real_data`): one module per fixture file's part, all writing through the services."""
