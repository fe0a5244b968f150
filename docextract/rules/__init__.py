"""The rules layer: rule and vocabulary files (`patterns/*.yaml`) loaded and validated against their schemas."""
