import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  fallback: (error: Error, reset: () => void) => ReactNode;
  /** Try rendering again by itself after this long: nobody clicks on a wall screen. */
  resetAfterMs?: number;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/** Keeps a rendering bug inside the part of the page that hit it. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  state: ErrorBoundaryState = { error: null };
  #timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Rendering failed', error, info.componentStack);
    if (this.props.resetAfterMs !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(this.reset, this.props.resetAfterMs);
    }
  }

  componentWillUnmount(): void {
    clearTimeout(this.#timer);
  }

  reset = (): void => {
    clearTimeout(this.#timer);
    this.setState({ error: null });
  };

  render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error, this.reset) : this.props.children;
  }
}
