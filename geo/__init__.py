"""Drug-control operations dashboard: data, validation, maps, charts and exports."""
