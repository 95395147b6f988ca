import React, { Component, type ReactNode } from 'react';
import { Alert } from '@grafana/ui';
import { reportHostError } from './hostReady';

interface State {
  error?: Error;
}

/** Catches what a plugin's component throws while rendering: shown as an alert and reported to tests. */
export class HostErrorBoundary extends Component<{ title: string; children: ReactNode }, State> {
  state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error): void {
    reportHostError(error);
  }

  render() {
    const { error } = this.state;
    if (error) {
      return (
        <Alert severity="error" title={this.props.title}>
          {error.message}
        </Alert>
      );
    }
    return this.props.children;
  }
}
