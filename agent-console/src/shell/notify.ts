/** Desktop notifications and a short chime, only while the tab is hidden. */

let audio: AudioContext | undefined

export function chime() {
  try {
    audio ??= new AudioContext()
    const t = audio.currentTime
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = audio.createOscillator()
      const gain = audio.createGain()
      osc.frequency.value = freq
      gain.gain.setValueAtTime(0.0001, t + i * 0.12)
      gain.gain.exponentialRampToValueAtTime(0.15, t + i * 0.12 + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.12 + 0.25)
      osc.connect(gain).connect(audio.destination)
      osc.start(t + i * 0.12)
      osc.stop(t + i * 0.12 + 0.3)
    }
  } catch {
    // No audio device or autoplay blocked: the notification still shows.
  }
}

export const notificationsSupported = () => typeof Notification !== 'undefined'

export function notificationPermission(): NotificationPermission | 'unsupported' {
  return notificationsSupported() ? Notification.permission : 'unsupported'
}

export async function askNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (!notificationsSupported()) return 'unsupported'
  return Notification.requestPermission()
}

export function notify(title: string, body: string, onClick: () => void) {
  if (document.visibilityState === 'visible') return
  chime()
  if (notificationPermission() !== 'granted') return
  const n = new Notification(title, { body, tag: title, icon: undefined })
  n.onclick = () => {
    window.focus()
    onClick()
    n.close()
  }
}

/** "(3) Parley": the tab shows how many conversations wait for this agent. */
export function setTitleCount(n: number) {
  document.title = n > 0 ? `(${n}) Parley` : 'Parley'
}
